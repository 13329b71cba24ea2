/// A parsed cable page: metadata from the page, canonical header and body, fields from the text, hashes.
public struct CablePage: Sendable, Hashable, Codable {
    /// The reference ID exactly as the page gives it.
    public var referenceId: String
    /// Creation time, `YYYY-MM-DD HH:MM` (or `YYYY-MM-DD` if the page gives no time).
    public var created: String
    /// Release time, `YYYY-MM-DD HH:MM`; nil on the earliest four-column pages.
    public var released: String?
    public var classification: String
    public var origin: String
    /// The subject from `<h3>Viewing cable REFID, SUBJECT</h3>` (first line of SUBJECT), entities decoded.
    public var headline: String
    /// Links from the optional "Appears in these articles:" row.
    public var articles: [String]
    /// Canonical header text (DESIGN.md §2.1); empty when the page has the partial-extract placeholder.
    public var header: String
    /// Canonical body text.
    public var body: String
    /// True when the first block is the "partial extract" placeholder instead of a routing header.
    public var isPartialExtract: Bool
    /// Fields read from the header and body.
    public var fields: CableTextFields
    public var hashes: ContentHashes

    public init(
        referenceId: String, created: String, released: String?, classification: String, origin: String,
        headline: String, articles: [String], header: String, body: String, isPartialExtract: Bool,
        fields: CableTextFields, hashes: ContentHashes
    ) {
        self.referenceId = referenceId
        self.created = created
        self.released = released
        self.classification = classification
        self.origin = origin
        self.headline = headline
        self.articles = articles
        self.header = header
        self.body = body
        self.isPartialExtract = isPartialExtract
        self.fields = fields
        self.hashes = hashes
    }

    /// The canonical text that `contentSHA256` hashes: `header + "\n\n" + body`.
    public var canonicalText: String { header + "\n\n" + body }
}
