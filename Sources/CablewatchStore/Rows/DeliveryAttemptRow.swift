import GRDB

/// A row of the `deliveryAttempt` table (DESIGN.md §3): one attempt of the attempt log.
struct DeliveryAttemptRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "deliveryAttempt"

    /// Nil until inserted; attempts are ordered by it.
    var id: Int64?
    var eventSeq: Int64
    var endpoint: String
    var attempt: Int
    var attemptedAt: String
    /// The HTTP status, nil when no response arrived.
    var status: Int?
    var latencyMs: Int
    var error: String?
    /// The start of the response body.
    var response: String?

    /// The table's columns, for the query interface.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let eventSeq = Column(CodingKeys.eventSeq)
        static let endpoint = Column(CodingKeys.endpoint)
    }

    var entry: DeliveryAttemptLogEntry {
        DeliveryAttemptLogEntry(
            endpoint: endpoint, seq: eventSeq, attempt: attempt, attemptedAt: attemptedAt, status: status,
            latencyMs: latencyMs, error: error, response: response)
    }
}
