import GRDB

/// A delivery joined with the event it carries: the head of an endpoint's queue, or a row of `deliveries`.
struct DeliveryEventRow: Decodable, FetchableRecord {
    var delivery: DeliveryRow
    var event: EventRow

    /// The deliveries `request` selects, each with its event.
    static func request(_ request: QueryInterfaceRequest<DeliveryRow>) -> QueryInterfaceRequest<DeliveryEventRow> {
        request.including(required: DeliveryRow.event).asRequest(of: DeliveryEventRow.self)
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
