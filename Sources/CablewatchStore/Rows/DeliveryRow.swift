import CablewatchCore
import GRDB

/// A row of the `delivery` table (DESIGN.md §3): the delivery of one event to one webhook endpoint.
struct DeliveryRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "delivery"
    /// The event delivered (`delivery.eventSeq` references `event`).
    static let event = belongsTo(EventRow.self)

    var eventSeq: Int64
    var endpoint: String
    /// `pending`, `delivered` or `failed`.
    var state: String
    var enqueuedAt: String
    /// The enqueue pass that created the row (events of one pass can be batched together).
    var enqueuePass: Int64
    var attempts: Int
    var nextAttemptAt: String?
    var lastAttemptAt: String?
    var lastStatus: Int?
    var lastError: String?
    var deliveredAt: String?
    var failedAt: String?

    /// The table's columns, for the query interface.
    enum Columns {
        static let eventSeq = Column(CodingKeys.eventSeq)
        static let endpoint = Column(CodingKeys.endpoint)
        static let state = Column(CodingKeys.state)
        static let enqueuedAt = Column(CodingKeys.enqueuedAt)
        static let attempts = Column(CodingKeys.attempts)
        static let nextAttemptAt = Column(CodingKeys.nextAttemptAt)
        static let deliveredAt = Column(CodingKeys.deliveredAt)
        static let failedAt = Column(CodingKeys.failedAt)
    }

    /// A delivery waiting for its first attempt, due at once.
    init(pending eventSeq: Int64, to endpoint: String, enqueuedAt: String, pass: Int64) {
        self.eventSeq = eventSeq
        self.endpoint = endpoint
        state = "pending"
        self.enqueuedAt = enqueuedAt
        enqueuePass = pass
        attempts = 0
        nextAttemptAt = enqueuedAt
    }

    /// Deliveries neither delivered nor given up on.
    static let pending = DeliveryRow.filter(Columns.state == "pending")

    /// The endpoint's pending deliveries in the order they go out: only the head can be due.
    static func queue(of endpoint: String) -> QueryInterfaceRequest<DeliveryRow> {
        pending.filter(Columns.endpoint == endpoint).order(Columns.eventSeq)
    }

    /// The pending delivery of event `seq` to `endpoint`, nil when there is none. Every attempt reads it, so the
    /// statement is prepared once per connection.
    static func findPending(_ seq: Int64, to endpoint: String, _ db: Database) throws -> DeliveryRow? {
        let statement = try db.cachedStatement(
            sql: "SELECT * FROM delivery WHERE eventSeq = ? AND endpoint = ? AND state = 'pending'")
        return try DeliveryRow.fetchOne(statement, arguments: [seq, endpoint])
    }

    /// Counts attempt number `attempts + 1`, made at `timestamp`, and applies its resolution.
    mutating func record(
        attemptAt timestamp: String, status: Int?, error: String?, resolution: DeliveryResolution
    ) {
        attempts += 1
        lastAttemptAt = timestamp
        lastStatus = status
        lastError = error
        switch resolution {
        case .delivered:
            state = "delivered"
            deliveredAt = timestamp
            nextAttemptAt = nil
        case .retry(let at):
            nextAttemptAt = Timestamp.string(from: at)
        case .failed:
            state = "failed"
            failedAt = timestamp
            nextAttemptAt = nil
        case .disableEndpoint:
            // Due at once, for when the endpoint is enabled again.
            nextAttemptAt = timestamp
        }
    }

    /// The assignments that put deliveries back in the queue, due at `timestamp` with a fresh schedule.
    static func requeued(at timestamp: String) -> [ColumnAssignment] {
        [
            Columns.state.set(to: "pending"), Columns.attempts.set(to: 0), Columns.nextAttemptAt.set(to: timestamp),
            Columns.deliveredAt.set(to: nil), Columns.failedAt.set(to: nil),
        ]
    }
}
