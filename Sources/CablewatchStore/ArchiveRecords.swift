import CablewatchCore

/// One archived cable as `list` shows it.
public struct CableSummary: Sendable, Hashable, Codable {
    public var referenceId: String
    public var created: String
    public var released: String?
    public var classification: String
    public var origin: String
    public var subject: String
    public var tags: [String]
    public var revision: Int
    public var contentSHA256: String
    public var removedAt: String?
}

/// One archived cable with the text of one of its revisions, as `show` and `export` give it.
public struct CableDetail: Sendable, Hashable, Codable {
    public var referenceId: String
    public var created: String
    public var released: String?
    public var classification: String
    public var origin: String
    public var subject: String
    public var tags: [String]
    public var reference: String?
    public var url: String
    public var revision: Int
    public var currentRevision: Int
    public var contentSHA256: String
    public var rawSHA256: String
    public var whitespaceSHA256: String
    public var fetchedAt: String
    public var firstSeenAt: String
    public var removedAt: String?
    public var header: String
    public var body: String
}

/// One revision in a cable's history.
public struct RevisionSummary: Sendable, Hashable, Codable {
    public var number: Int
    public var contentSHA256: String
    public var whitespaceSHA256: String
    public var rawSHA256: String
    public var released: String?
    public var fetchedAt: String
}

/// A full-text search hit.
public struct SearchHit: Sendable, Hashable, Codable {
    public var referenceId: String
    public var subject: String
    public var snippet: String
}

/// The archive's state for `status`.
public struct ArchiveStatus: Sendable, Codable {
    /// The source's counter as last observed.
    public struct Source: Sendable, Codable {
        public var released: Int?
        public var total: Int?
        public var observedAt: String?
    }
    /// Archive counts.
    public struct Archive: Sendable, Codable {
        public var cables: Int
        public var removed: Int
        public var revisions: Int
    }
    /// The most recent poll.
    public struct LastPoll: Sendable, Codable {
        public var startedAt: String
        public var finishedAt: String?
        public var outcome: String
        public var error: String?
        public var requests: Int
        public var cablesFetched: Int
    }
    /// Event outbox counts.
    public struct Events: Sendable, Codable {
        public var lastSeq: Int64
        public var count: Int
    }
    /// Poll health.
    public struct Health: Sendable, Codable {
        public var consecutiveFailures: Int
        public var lastSuccessAt: String?
    }

    public var source: Source
    public var archive: Archive
    public var lastPoll: LastPoll?
    public var events: Events
    public var health: Health
    /// Webhook deliveries: pending, failed, oldest pending, disabled endpoints.
    public var deliveries: DeliveryCounts
    /// The daemon's liveness record, `nil` when no daemon has ever run on this archive (CLI-only usage).
    public var daemon: DaemonHeartbeat?
    /// Pages set aside because they could not be fetched or parsed: how many, and the first few.
    public struct Quarantine: Sendable, Codable {
        public var count: Int
        public var first: [QuarantinedPage]
    }
    public var quarantine: Quarantine
    /// What is wrong with the source beyond a failed poll (unknown markup, a counter above the listings).
    public var problems: SourceProblems
}

/// What `verify` found.
public struct VerificationReport: Sendable, Codable {
    public var revisionsChecked: Int
    public var eventsChecked: Int
    public var problems: [String]
    public var integrity: String

    public var isClean: Bool { problems.isEmpty && integrity == "ok" }
}
