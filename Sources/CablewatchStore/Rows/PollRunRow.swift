import GRDB

/// A row of the `pollRun` table (DESIGN.md §3): one poll, its outcome and figures, for `status`.
struct PollRunRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "pollRun"
    /// The outcomes of a poll that reached the source and went through.
    static let successfulOutcomes = ["ok", "unchanged", "partial"]

    /// Nil until inserted.
    var id: Int64?
    var startedAt: String
    var finishedAt: String?
    /// `running`, `ok`, `unchanged`, `partial` or `failed`.
    var outcome: String
    var error: String?
    var requests: Int
    var cablesFetched: Int
    var eventsEmitted: Int

    /// The table's columns, for the query interface.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let finishedAt = Column(CodingKeys.finishedAt)
        static let outcome = Column(CodingKeys.outcome)
        static let error = Column(CodingKeys.error)
        static let requests = Column(CodingKeys.requests)
        static let cablesFetched = Column(CodingKeys.cablesFetched)
        static let eventsEmitted = Column(CodingKeys.eventsEmitted)
    }

    /// A poll that has just started.
    init(startedAt: String) {
        self.startedAt = startedAt
        outcome = "running"
        requests = 0
        cablesFetched = 0
        eventsEmitted = 0
    }

    var lastPoll: ArchiveStatus.LastPoll {
        ArchiveStatus.LastPoll(
            startedAt: startedAt, finishedAt: finishedAt, outcome: outcome, error: error, requests: requests,
            cablesFetched: cablesFetched)
    }
}
