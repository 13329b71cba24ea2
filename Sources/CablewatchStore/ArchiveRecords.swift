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

    /// Creates the record from its values (public for the PostgreSQL archive, in this package).
    package init(
        referenceId: String, created: String, released: String? = nil, classification: String, origin: String,
        subject: String, tags: [String], revision: Int, contentSHA256: String, removedAt: String? = nil
    ) {
        self.referenceId = referenceId
        self.created = created
        self.released = released
        self.classification = classification
        self.origin = origin
        self.subject = subject
        self.tags = tags
        self.revision = revision
        self.contentSHA256 = contentSHA256
        self.removedAt = removedAt
    }
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

    /// Creates the record from its values (public for the PostgreSQL archive, in this package).
    package init(
        referenceId: String, created: String, released: String? = nil, classification: String, origin: String,
        subject: String, tags: [String], reference: String? = nil, url: String, revision: Int, currentRevision: Int,
        contentSHA256: String, rawSHA256: String, whitespaceSHA256: String, fetchedAt: String, firstSeenAt: String,
        removedAt: String? = nil, header: String, body: String
    ) {
        self.referenceId = referenceId
        self.created = created
        self.released = released
        self.classification = classification
        self.origin = origin
        self.subject = subject
        self.tags = tags
        self.reference = reference
        self.url = url
        self.revision = revision
        self.currentRevision = currentRevision
        self.contentSHA256 = contentSHA256
        self.rawSHA256 = rawSHA256
        self.whitespaceSHA256 = whitespaceSHA256
        self.fetchedAt = fetchedAt
        self.firstSeenAt = firstSeenAt
        self.removedAt = removedAt
        self.header = header
        self.body = body
    }
}

/// One revision in a cable's history.
public struct RevisionSummary: Sendable, Hashable, Codable {
    public var number: Int
    public var contentSHA256: String
    public var whitespaceSHA256: String
    public var rawSHA256: String
    public var released: String?
    public var fetchedAt: String

    /// Creates the record from its values (public for the PostgreSQL archive, in this package).
    package init(
        number: Int, contentSHA256: String, whitespaceSHA256: String, rawSHA256: String, released: String? = nil,
        fetchedAt: String
    ) {
        self.number = number
        self.contentSHA256 = contentSHA256
        self.whitespaceSHA256 = whitespaceSHA256
        self.rawSHA256 = rawSHA256
        self.released = released
        self.fetchedAt = fetchedAt
    }
}

/// A full-text search hit.
public struct SearchHit: Sendable, Hashable, Codable {
    public var referenceId: String
    public var subject: String
    public var snippet: String

    /// Creates the record from its values (public for the PostgreSQL archive, in this package).
    package init(referenceId: String, subject: String, snippet: String) {
        self.referenceId = referenceId
        self.subject = subject
        self.snippet = snippet
    }
}

/// The archive's state for `status`.
public struct ArchiveStatus: Sendable, Codable {
    /// The source's counter as last observed.
    public struct Source: Sendable, Codable {
        public var released: Int?
        public var total: Int?
        public var observedAt: String?

        /// Creates the record from its values (public for the PostgreSQL archive, in this package).
        package init(released: Int? = nil, total: Int? = nil, observedAt: String? = nil) {
            self.released = released
            self.total = total
            self.observedAt = observedAt
        }
    }
    /// Archive counts.
    public struct Archive: Sendable, Codable {
        public var cables: Int
        public var removed: Int
        public var revisions: Int

        /// Creates the record from its values (public for the PostgreSQL archive, in this package).
        package init(cables: Int, removed: Int, revisions: Int) {
            self.cables = cables
            self.removed = removed
            self.revisions = revisions
        }
    }
    /// The most recent poll.
    public struct LastPoll: Sendable, Codable {
        public var startedAt: String
        public var finishedAt: String?
        public var outcome: String
        public var error: String?
        public var requests: Int
        public var cablesFetched: Int

        /// Creates the record from its values (public for the PostgreSQL archive, in this package).
        package init(
            startedAt: String, finishedAt: String? = nil, outcome: String, error: String? = nil, requests: Int,
            cablesFetched: Int
        ) {
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.outcome = outcome
            self.error = error
            self.requests = requests
            self.cablesFetched = cablesFetched
        }
    }
    /// Event outbox counts.
    public struct Events: Sendable, Codable {
        public var lastSeq: Int64
        public var count: Int

        /// Creates the record from its values (public for the PostgreSQL archive, in this package).
        package init(lastSeq: Int64, count: Int) {
            self.lastSeq = lastSeq
            self.count = count
        }
    }
    /// Poll health.
    public struct Health: Sendable, Codable {
        public var consecutiveFailures: Int
        public var lastSuccessAt: String?

        /// Creates the record from its values (public for the PostgreSQL archive, in this package).
        package init(consecutiveFailures: Int, lastSuccessAt: String? = nil) {
            self.consecutiveFailures = consecutiveFailures
            self.lastSuccessAt = lastSuccessAt
        }
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

        /// Creates the record from its values (public for the PostgreSQL archive, in this package).
        package init(count: Int, first: [QuarantinedPage]) {
            self.count = count
            self.first = first
        }
    }
    public var quarantine: Quarantine
    /// What is wrong with the source beyond a failed poll (unknown markup, a counter above the listings).
    public var problems: SourceProblems
    /// The daemon that leads, or last led; nil when none ever has.
    public var leader: ArchiveLeader?

    /// Creates the record from its values (public for the PostgreSQL archive, in this package).
    package init(
        source: Source, archive: Archive, lastPoll: LastPoll? = nil, events: Events, health: Health,
        deliveries: DeliveryCounts, daemon: DaemonHeartbeat? = nil, quarantine: Quarantine, problems: SourceProblems,
        leader: ArchiveLeader? = nil
    ) {
        self.leader = leader
        self.source = source
        self.archive = archive
        self.lastPoll = lastPoll
        self.events = events
        self.health = health
        self.deliveries = deliveries
        self.daemon = daemon
        self.quarantine = quarantine
        self.problems = problems
    }
}

/// What `verify` found.
public struct VerificationReport: Sendable, Codable {
    public var revisionsChecked: Int
    public var eventsChecked: Int
    public var problems: [String]
    /// The database's own check: "ok", what it found, or why it could not run.
    public var integrity: String
    /// Whether the database's own check ran (PostgreSQL's needs the `amcheck` extension).
    public var integrityChecked: Bool

    /// No problem, and the database's check found nothing or could not run.
    public var isClean: Bool { problems.isEmpty && (integrity == "ok" || !integrityChecked) }

    /// Creates the record from its values (public for the PostgreSQL archive, in this package).
    package init(
        revisionsChecked: Int, eventsChecked: Int, problems: [String], integrity: String, integrityChecked: Bool = true
    ) {
        self.revisionsChecked = revisionsChecked
        self.eventsChecked = eventsChecked
        self.problems = problems
        self.integrity = integrity
        self.integrityChecked = integrityChecked
    }
}
