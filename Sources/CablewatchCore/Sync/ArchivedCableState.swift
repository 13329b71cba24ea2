/// What the sync needs to know about an archived cable to decide whether to fetch it and to classify a fresh fetch.
public struct ArchivedCableState: Sendable, Hashable {
    public var referenceId: String
    public var revision: Int
    public var contentSHA256: String
    public var whitespaceSHA256: String
    /// The Released date the listing showed when the cable was last fetched.
    public var listedReleased: String?
    public var removed: Bool
    public var url: String

    public init(
        referenceId: String, revision: Int, contentSHA256: String, whitespaceSHA256: String, listedReleased: String?,
        removed: Bool, url: String
    ) {
        self.referenceId = referenceId
        self.revision = revision
        self.contentSHA256 = contentSHA256
        self.whitespaceSHA256 = whitespaceSHA256
        self.listedReleased = listedReleased
        self.removed = removed
        self.url = url
    }
}
