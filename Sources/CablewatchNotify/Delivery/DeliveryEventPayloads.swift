import CablewatchCore

/// The `data` of `webhook.disabled`: the endpoint that answered 410 Gone and the delivery that saw it.
public struct WebhookDisabledPayload: Sendable, Codable, Equatable {
    public var endpoint: String
    public var reason: String
    public var eventId: String
    public var seq: Int64

    public init(endpoint: String, reason: String, eventId: String, seq: Int64) {
        self.endpoint = endpoint
        self.reason = reason
        self.eventId = eventId
        self.seq = seq
    }

    /// The event to commit with the endpoint's state change.
    public var event: PendingEvent { PendingEvent(.webhookDisabled, self) }
}

/// The `data` of `delivery.failed`: a delivery that used up every attempt of the schedule.
public struct DeliveryFailedPayload: Sendable, Codable, Equatable {
    public var endpoint: String
    public var eventId: String
    public var eventType: String
    public var seq: Int64
    public var attempts: Int
    public var lastError: String

    public init(endpoint: String, eventId: String, eventType: String, seq: Int64, attempts: Int, lastError: String) {
        self.endpoint = endpoint
        self.eventId = eventId
        self.eventType = eventType
        self.seq = seq
        self.attempts = attempts
        self.lastError = lastError
    }

    /// The event to commit with the failed state.
    public var event: PendingEvent { PendingEvent(.deliveryFailed, self) }
}
