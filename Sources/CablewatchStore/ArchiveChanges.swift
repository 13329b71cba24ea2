import CablewatchCore

/// A cable as written to the archive after a fetch: new, re-added, changed or merely re-confirmed.
public struct CableWrite: Sendable {
    /// What the write does to the cable's history.
    public enum Kind: Sendable, Equatable {
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
    public var sourceBuild: String?

    public init(
        kind: Kind, page: CablePage, url: String, listedReleased: String?, readded: Bool, sourceBuild: String?
    ) {
        self.kind = kind
        self.page = page
        self.url = url
        self.listedReleased = listedReleased
        self.readded = readded
        self.sourceBuild = sourceBuild
    }
}

/// What one walked release day looked like.
public struct ReleaseDayState: Sendable, Hashable {
    public var key: String
    public var lastPage: Int
    public var rows: Int
    public var complete: Bool

    public init(key: String, lastPage: Int, rows: Int, complete: Bool) {
        self.key = key
        self.lastPage = lastPage
        self.rows = rows
        self.complete = complete
    }
}

/// Conditional-GET validators and body hash remembered for a URL.
public struct FetchCacheEntry: Sendable, Hashable {
    public var url: String
    public var etag: String?
    public var lastModified: String?
    public var bodySHA256: String?

    public init(url: String, etag: String?, lastModified: String?, bodySHA256: String?) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.bodySHA256 = bodySHA256
    }
}

/// Everything one sync step changes, committed with the events it causes in ONE transaction.
public struct ArchiveChanges: Sendable {
    public var cables: [CableWrite] = []
    public var removals: [String] = []
    public var counter: ReleaseCounter?
    public var days: [ReleaseDayState] = []
    public var fetchCache: [FetchCacheEntry] = []
    public var syncState: [String: String] = [:]
    public var events: [PendingEvent] = []
    /// Pages put in quarantine, or tried again and still failing (upserted by URL).
    public var quarantine: [QuarantinedPage] = []
    /// URLs of quarantined pages that healed.
    public var healed: [String] = []

    public init() {}

    /// Adds everything `other` changes after what this one does.
    public mutating func merge(_ other: ArchiveChanges) {
        cables += other.cables
        removals += other.removals
        counter = other.counter ?? counter
        days += other.days
        fetchCache += other.fetchCache
        syncState.merge(other.syncState) { _, new in new }
        events += other.events
        quarantine += other.quarantine
        healed += other.healed
    }

    public var isEmpty: Bool {
        cables.isEmpty && removals.isEmpty && counter == nil && days.isEmpty && fetchCache.isEmpty
            && syncState.isEmpty && events.isEmpty && quarantine.isEmpty && healed.isEmpty
    }
}
