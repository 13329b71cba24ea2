import GRDB

/// A delivery joined with the event it carries: the head of an endpoint's queue, or a row of `deliveries`.
struct DeliveryEventRow: Decodable, FetchableRecord {
    var delivery: DeliveryRow
    var event: EventRow

    /// The deliveries `request` selects, each with its event.
    static func request(_ request: QueryInterfaceRequest<DeliveryRow>) -> QueryInterfaceRequest<DeliveryEventRow> {
        request.including(required: DeliveryRow.event).asRequest(of: DeliveryEventRow.self)
    }

    /// The first `limit` deliveries of the endpoint's queue (`DeliveryRow.queue(of:)`), each with its event. The
    /// delivery loop reads them before every attempt, so the statement is prepared once per connection.
    static func queueHead(of endpoint: String, limit: Int, _ db: Database) throws -> [DeliveryEventRow] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT d.*, e.* FROM delivery d JOIN event e ON e.seq = d.eventSeq
                WHERE d.endpoint = ? AND d.state = 'pending' ORDER BY d.eventSeq LIMIT ?
                """)
        let eventColumns = SuffixRowAdapter(fromIndex: try db.columns(in: DeliveryRow.databaseTableName).count)
        return try DeliveryEventRow.fetchAll(
            statement, arguments: [endpoint, limit], adapter: ScopeAdapter(["event": eventColumns]))
    }

    var due: DueDelivery {
        DueDelivery(
            endpoint: delivery.endpoint, seq: delivery.eventSeq, eventId: event.id, eventType: event.type,
            json: event.json, attempts: delivery.attempts, enqueuePass: delivery.enqueuePass,
            nextAttemptAt: delivery.nextAttemptAt)
    }

    var record: DeliveryRecord {
        DeliveryRecord(
            endpoint: delivery.endpoint, seq: delivery.eventSeq, eventId: event.id, eventType: event.type,
            state: delivery.state, attempts: delivery.attempts, enqueuedAt: delivery.enqueuedAt,
            nextAttemptAt: delivery.nextAttemptAt, lastAttemptAt: delivery.lastAttemptAt,
            lastStatus: delivery.lastStatus, lastError: delivery.lastError, deliveredAt: delivery.deliveredAt,
            failedAt: delivery.failedAt)
    }
}
