import CablewatchCore
import GRDB

/// A row of the `event` table (DESIGN.md §3): one committed event, a link of the SHA-256 hash chain.
struct EventRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "event"

    var seq: Int64
    /// The stable event id (`evt_…`), used as `webhook-id`.
    var id: String
    var type: String
    /// The event exactly as the log and webhooks carry it.
    var json: String
    var createdAt: String
    var previousHash: String
    var hash: String

    /// The table's columns, for the query interface.
    enum Columns {
        static let seq = Column(CodingKeys.seq)
        static let id = Column(CodingKeys.id)
        static let type = Column(CodingKeys.type)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    /// The last event of the chain, nil when there is none.
    static func last(_ db: Database) throws -> EventRow? {
        try EventRow.order(Columns.seq.desc).fetchOne(db)
    }

    var committed: CommittedEvent { CommittedEvent(seq: seq, id: id, type: type, json: json) }
}
