/// Everything one sync step changes, committed with the events it causes in ONE transaction.
public struct ArchiveChanges: Sendable, Hashable {
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
