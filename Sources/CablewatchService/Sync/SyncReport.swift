import CablewatchCore

/// What one poll cycle did.
public struct SyncReport: Sendable {
    /// How the cycle ended.
    public enum Outcome: String, Sendable {
        case unchanged
        case ok
        /// The cycle went through, but some pages are in quarantine (could not be fetched or parsed).
        case partial
    }

    public var outcome: Outcome
    public var counter: ReleaseCounter?
    public var requests: Int
    public var cablesFetched: Int
    public var events: [EventEnvelope]
    /// Seconds the source asked us to wait (Cache-Control max-age), if any.
    public var cacheMaxAgeSeconds: Int?
    /// Time the cycle stood still waiting for archive writes (commits not hidden behind downloads).
    public var storeWait: Duration = .zero
    /// Time spent bringing the search index up to date at the end of the cycle.
    public var searchIndexing: Duration = .zero
    /// Pages in quarantine when the cycle ended.
    public var quarantined = 0

    public init(
        outcome: Outcome, counter: ReleaseCounter?, requests: Int, cablesFetched: Int, events: [EventEnvelope],
        cacheMaxAgeSeconds: Int?
    ) {
        self.outcome = outcome
        self.counter = counter
        self.requests = requests
        self.cablesFetched = cablesFetched
        self.events = events
        self.cacheMaxAgeSeconds = cacheMaxAgeSeconds
    }
}

/// Progress of a cycle, for progress bars: cables stored so far against the source's counter.
public struct SyncProgress: Sendable {
    public var archived: Int
    public var released: Int
    public var phase: String

    public init(archived: Int, released: Int, phase: String) {
        self.archived = archived
        self.released = released
        self.phase = phase
    }
}
