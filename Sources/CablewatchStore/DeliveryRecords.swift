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

    /// Creates the record from its values (public for the PostgreSQL archive, in this package).
    package init(endpoint: String, cursorSeq: Int64, disabledAt: String? = nil, disabledReason: String? = nil) {
        self.endpoint = endpoint
        self.cursorSeq = cursorSeq
        self.disabledAt = disabledAt
        self.disabledReason = disabledReason
    }
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

    /// Creates the record from its values (public for the PostgreSQL archive, in this package).
    package init(
        endpoint: String, seq: Int64, eventId: String, eventType: String, json: String, attempts: Int,
        enqueuePass: Int64, nextAttemptAt: String? = nil
    ) {
        self.endpoint = endpoint
        self.seq = seq
        self.eventId = eventId
        self.eventType = eventType
        self.json = json
        self.attempts = attempts
        self.enqueuePass = enqueuePass
        self.nextAttemptAt = nextAttemptAt
    }
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

    /// Creates the record from its values (public for the PostgreSQL archive, in this package).
    package init(
        endpoint: String, seq: Int64, eventId: String, eventType: String, state: String, attempts: Int,
        enqueuedAt: String, nextAttemptAt: String? = nil, lastAttemptAt: String? = nil, lastStatus: Int? = nil,
        lastError: String? = nil, deliveredAt: String? = nil, failedAt: String? = nil
    ) {
        self.endpoint = endpoint
        self.seq = seq
        self.eventId = eventId
        self.eventType = eventType
        self.state = state
        self.attempts = attempts
        self.enqueuedAt = enqueuedAt
        self.nextAttemptAt = nextAttemptAt
        self.lastAttemptAt = lastAttemptAt
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.deliveredAt = deliveredAt
        self.failedAt = failedAt
    }
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

    /// Creates the record from its values (public for the PostgreSQL archive, in this package).
    package init(
        endpoint: String, seq: Int64, attempt: Int, attemptedAt: String, status: Int? = nil, latencyMs: Int,
        error: String? = nil, response: String? = nil
    ) {
        self.endpoint = endpoint
        self.seq = seq
        self.attempt = attempt
        self.attemptedAt = attemptedAt
        self.status = status
        self.latencyMs = latencyMs
        self.error = error
        self.response = response
    }
}

/// Delivery counts for `status`.
public struct DeliveryCounts: Sendable, Codable, Equatable {
    public var pending: Int
    public var failed: Int
    /// When the oldest pending delivery was enqueued.
    public var oldestPendingSince: String?
    /// Endpoints disabled by a 410 Gone.
    public var disabledEndpoints: [String]

    /// Creates the record from its values (public for the PostgreSQL archive, in this package).
    package init(pending: Int, failed: Int, oldestPendingSince: String? = nil, disabledEndpoints: [String]) {
        self.pending = pending
        self.failed = failed
        self.oldestPendingSince = oldestPendingSince
        self.disabledEndpoints = disabledEndpoints
    }
}
