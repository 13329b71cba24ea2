import Foundation

/// Where one webhook endpoint stands: how far the event table has been enqueued for it, and whether it is disabled.
public struct EndpointDeliveryState: Sendable, Equatable {
    public var endpoint: String
    /// Every event with `seq <= cursorSeq` has been enqueued for (or filtered out of) this endpoint.
    public var cursorSeq: Int64
    /// When a 410 Gone disabled the endpoint, if it is disabled.
    public var disabledAt: String?
    public var disabledReason: String?

    public var isDisabled: Bool { disabledAt != nil }
}

/// A pending delivery at the head of an endpoint's queue, with the event it carries.
public struct DueDelivery: Sendable, Equatable {
    public var endpoint: String
    public var seq: Int64
    public var eventId: String
    public var eventType: String
    /// The event exactly as stored (the standard webhook body).
    public var json: String
    /// Attempts made so far.
    public var attempts: Int
    /// The enqueue pass that created the row (events of one pass can be batched together).
    public var enqueuePass: Int64
    public var nextAttemptAt: String?
}

/// One attempt as the attempt log records it.
public struct DeliveryAttemptRecord: Sendable, Equatable {
    /// How much of the response body is kept.
    public static let responseLimit = 1024

    public var attemptedAt: Date
    /// The HTTP status, nil when no response arrived.
    public var status: Int?
    public var latency: Duration
    public var error: String?
    /// The start of the response body (cut to `responseLimit` bytes).
    public var response: [UInt8]

    public init(attemptedAt: Date, status: Int?, latency: Duration, error: String?, response: [UInt8] = []) {
        self.attemptedAt = attemptedAt
        self.status = status
        self.latency = latency
        self.error = error
        self.response = Array(response.prefix(Self.responseLimit))
    }
}

/// What an attempt does to the delivery rows it covered.
public enum DeliveryResolution: Sendable, Equatable {
    case delivered
    case retry(at: Date)
    case failed
    /// The endpoint is disabled; the rows stay pending (due at once) for when it is re-enabled.
    case disableEndpoint(reason: String)
}

/// A delivery row as `cablewatch deliveries` shows it.
public struct DeliveryRecord: Sendable, Codable, Equatable {
    public var endpoint: String
    public var seq: Int64
    public var eventId: String
    public var eventType: String
    /// `pending`, `delivered` or `failed`.
    public var state: String
    public var attempts: Int
    public var enqueuedAt: String
    public var nextAttemptAt: String?
    public var lastAttemptAt: String?
    public var lastStatus: Int?
    public var lastError: String?
    public var deliveredAt: String?
    public var failedAt: String?
}

/// One row of the attempt log.
public struct DeliveryAttemptLogEntry: Sendable, Codable, Equatable {
    public var endpoint: String
    public var seq: Int64
    public var attempt: Int
    public var attemptedAt: String
    public var status: Int?
    public var latencyMs: Int
    public var error: String?
    public var response: String?
}

/// Delivery counts for `status`.
public struct DeliveryCounts: Sendable, Codable, Equatable {
    public var pending: Int
    public var failed: Int
    /// When the oldest pending delivery was enqueued.
    public var oldestPendingSince: String?
    /// Endpoints disabled by a 410 Gone.
    public var disabledEndpoints: [String]
}
