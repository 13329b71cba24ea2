import GRDB

/// A row of the `endpointState` table (DESIGN.md §3): one webhook endpoint's enqueue cursor and disabled flag.
struct EndpointStateRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "endpointState"

    var endpoint: String
    /// Every event with `seq <= cursorSeq` is enqueued for (or filtered out of) the endpoint.
    var cursorSeq: Int64
    /// How many enqueue passes moved the cursor (the pass number of the rows they created).
    var enqueuePasses: Int64
    var disabledAt: String?
    var disabledReason: String?

    /// The table's columns, for the query interface.
    enum Columns {
        static let endpoint = Column(CodingKeys.endpoint)
        static let disabledAt = Column(CodingKeys.disabledAt)
        static let disabledReason = Column(CodingKeys.disabledReason)
    }

    /// The endpoint's row, or the state of an endpoint never seen: cursor 0, enabled.
    static func find(_ endpoint: String, _ db: Database) throws -> EndpointStateRow {
        try EndpointStateRow.fetchOne(db, key: endpoint)
            ?? EndpointStateRow(endpoint: endpoint, cursorSeq: 0, enqueuePasses: 0)
    }

    var state: EndpointDeliveryState {
        EndpointDeliveryState(
            endpoint: endpoint, cursorSeq: cursorSeq, disabledAt: disabledAt, disabledReason: disabledReason)
    }
}
