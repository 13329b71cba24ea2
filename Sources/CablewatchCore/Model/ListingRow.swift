/// One row of a release listing table: what the listing says about one cable.
public struct ListingRow: Sendable, Hashable, Codable {
    /// The reference ID exactly as the site gives it (malformed ids included).
    public var referenceId: String
    /// Site-relative path of the cable page, from the reference ID cell's link.
    public var cablePath: String
    /// First line of the cable's SUBJECT, entities decoded.
    public var subject: String
    /// Creation date, `YYYY-MM-DD`.
    public var created: String
    /// Release date, `YYYY-MM-DD`; nil in the earliest five-column listings.
    public var released: String?
    /// Classification, from the link text (never the `title=` attribute).
    public var classification: String
    /// Origin, e.g. `Embassy Seoul`.
    public var origin: String

    public init(
        referenceId: String, cablePath: String, subject: String, created: String, released: String?,
        classification: String, origin: String
    ) {
        self.referenceId = referenceId
        self.cablePath = cablePath
        self.subject = subject
        self.created = created
        self.released = released
        self.classification = classification
        self.origin = origin
    }
}
