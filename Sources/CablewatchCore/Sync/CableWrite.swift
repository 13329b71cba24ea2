/// A cable as written to the archive after a fetch: new, re-added, changed or merely re-confirmed.
public struct CableWrite: Sendable, Hashable {
    /// What the write does to the cable's history.
    public enum Kind: Sendable, Hashable {
        /// First sighting: row and revision 1.
        case insert
        /// Content differs from the current revision (or the cable comes back changed): a new revision.
        case newRevision(number: Int)
        /// Same content: refresh metadata and fetch times only.
        case touch
    }

    public var kind: Kind
    public var page: CablePage
    public var url: String
    /// The Released date the listing row showed, used to notice re-listing.
    public var listedReleased: String?
    /// True when the cable had been removed and is back.
    public var readded: Bool

    public init(kind: Kind, page: CablePage, url: String, listedReleased: String?, readded: Bool) {
        self.kind = kind
        self.page = page
        self.url = url
        self.listedReleased = listedReleased
        self.readded = readded
    }
}
