/// What one delivery round did, over all endpoints.
public struct DeliveryRoundReport: Sendable, Equatable {
    /// Events newly enqueued for some endpoint.
    public var enqueued = 0
    /// Events an endpoint's filter left out (counted once per endpoint).
    public var skipped = 0
    /// POSTs made.
    public var attempts = 0
    /// Events delivered (a release summary counts all its members).
    public var delivered = 0
    /// Attempts that failed and were rescheduled.
    public var retried = 0
    /// Deliveries that used up their schedule.
    public var failed = 0
    /// Endpoints disabled by 410 Gone in this round.
    public var disabledEndpoints: [String] = []
    /// Store failures, one line each (the round stops for that endpoint; the outbox keeps everything).
    public var errors: [String] = []

    public init() {}

    /// Adds another report's counts to this one.
    public mutating func merge(_ other: DeliveryRoundReport) {
        enqueued += other.enqueued
        skipped += other.skipped
        attempts += other.attempts
        delivered += other.delivered
        retried += other.retried
        failed += other.failed
        disabledEndpoints += other.disabledEndpoints
        errors += other.errors
    }
}
