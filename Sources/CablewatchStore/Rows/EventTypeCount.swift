import GRDB

/// How many committed events have one type (the daemon's `/metrics`).
struct EventTypeCount: Decodable, FetchableRecord {
    var type: String
    var count: Int

    /// One count per event type.
    static let all = EventRow.select(EventRow.Columns.type, GRDB.count(EventRow.Columns.seq).forKey("count"))
        .group(EventRow.Columns.type).asRequest(of: EventTypeCount.self)
}
