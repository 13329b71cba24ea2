import CablewatchCore
import CablewatchStore
import Foundation
import Logging
import PostgresNIO

/// The webhook delivery outbox (DESIGN.md §3), with the SQLite archive's rules: rows are created lazily behind a
/// per-endpoint cursor, and only the lowest pending `seq` of an endpoint can be due.
extension PostgresArchive {
    /// The columns of a delivery joined with its event, in the order `deliveryRecord` and `dueDelivery` read them.
    static let deliveryColumns = """
        d.endpoint, d.event_seq, e.id, e.type, e.json, d.state, d.attempts, d.enqueued_at, d.enqueue_pass,
        d.next_attempt_at, d.last_attempt_at, d.last_status, d.last_error, d.delivered_at, d.failed_at
        """

    public func endpointDeliveryState(_ endpoint: String) async throws(StoreError) -> EndpointDeliveryState {
        try await read("read endpointState") { connection in
            try await Self.endpointState(endpoint, connection, logger).state
        }
    }

    /// The endpoint's row, or the state of an endpoint never seen: cursor 0, no pass, enabled.
    static func endpointState(_ endpoint: String, _ connection: PostgresConnection, _ logger: Logger) async throws
        -> (state: EndpointDeliveryState, passes: Int64)
    {
        let rows = try await connection.rows(
            """
            SELECT cursor_seq, enqueue_passes, disabled_at, disabled_reason FROM endpoint_state
            WHERE endpoint = \(endpoint)
            """, logger)
        guard let row = rows.first else {
            return (EndpointDeliveryState(endpoint: endpoint, cursorSeq: 0), 0)
        }
        let (cursor, passes, disabledAt, reason) = try row.decode((Int64, Int64, String?, String?).self)
        return (
            EndpointDeliveryState(
                endpoint: endpoint, cursorSeq: cursor, disabledAt: disabledAt, disabledReason: reason),
            passes
        )
    }

    @discardableResult
    public func enqueueDeliveries(endpoint: String, seqs: [Int64], through: Int64, at now: Date)
        async throws(StoreError) -> Int
    {
        let timestamp = Timestamp.string(from: now)
        return try await write("enqueue deliveries") { connection in
            let (state, passes) = try await Self.endpointState(endpoint, connection, logger)
            let cursor = state.cursorSeq
            guard through > cursor else { return 0 }
            let pass = passes + 1
            try await connection.execute(
                """
                INSERT INTO endpoint_state (endpoint, cursor_seq, enqueue_passes) VALUES (\(endpoint), \(through), \(pass))
                ON CONFLICT (endpoint) DO UPDATE SET cursor_seq = EXCLUDED.cursor_seq,
                  enqueue_passes = EXCLUDED.enqueue_passes
                """, logger)
            let enqueued = seqs.filter { $0 > cursor && $0 <= through }
            guard !enqueued.isEmpty else { return 0 }
            return try await connection.rows(
                """
                INSERT INTO delivery (event_seq, endpoint, state, enqueued_at, enqueue_pass, attempts, next_attempt_at)
                SELECT seq, \(endpoint), 'pending', \(timestamp), \(pass), 0, \(timestamp)
                FROM unnest(\(enqueued)::bigint[]) AS seq
                ON CONFLICT DO NOTHING RETURNING 1
                """, logger
            ).count
        }
    }

    public func dueDeliveries(endpoint: String, now: Date, limit: Int) async throws(StoreError) -> [DueDelivery] {
        let timestamp = Timestamp.string(from: now)
        return try await read("read due deliveries") { connection in
            let rows = try await connection.rows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(Self.deliveryColumns) FROM delivery d JOIN event e ON e.seq = d.event_seq
                        WHERE d.endpoint = $1 AND d.state = 'pending' ORDER BY d.event_seq LIMIT $2
                        """, binds: Self.binds(endpoint, max(1, limit))), logger)
            let due = try rows.map(Self.dueDelivery)
            guard let head = due.first else { return [] }
            if let headDue = head.nextAttemptAt, headDue > timestamp { return [] }
            return due
        }
    }

    public func nextDeliveryAttempt(endpoint: String) async throws(StoreError) -> Date? {
        try await read("read next delivery") { connection in
            let rows = try await connection.rows(
                """
                SELECT coalesce(next_attempt_at, enqueued_at) FROM delivery
                WHERE endpoint = \(endpoint) AND state = 'pending' ORDER BY event_seq LIMIT 1
                """, logger)
            return try rows.first.flatMap { Timestamp.date(from: try $0.decode(String.self)) }
        }
    }

    @discardableResult
    public func recordDeliveryAttempt(
        endpoint: String, seqs: [Int64], attempt: DeliveryAttemptRecord, resolution: DeliveryResolution,
        events: [PendingEvent], source: String
    ) async throws(StoreError) -> [EventEnvelope] {
        let timestamp = Timestamp.string(from: attempt.attemptedAt)
        let latencyMs =
            Int(attempt.latency.components.seconds * 1000)
            + Int(attempt.latency.components.attoseconds / 1_000_000_000_000_000)
        let response = attempt.response.isEmpty ? nil : String(decoding: attempt.response, as: UTF8.self).postgresText
        let error = attempt.error?.postgresText
        // A plain success commits no event, so it need not wait for the disk: a crash of the server can at worst
        // forget the mark, which means one more delivery of a delivered event.
        let relaxed = resolution == .delivered && events.isEmpty
        let (state, nextAttemptAt, deliveredAt, failedAt) = Self.outcome(of: resolution, at: timestamp)
        return try await write("record delivery attempt", relaxedDurability: relaxed) { connection in
            for seq in seqs {
                let attempts = try await connection.value(
                    """
                    SELECT attempts FROM delivery
                    WHERE event_seq = \(seq) AND endpoint = \(endpoint) AND state = 'pending' FOR UPDATE
                    """, as: Int.self, logger)
                guard let attempts else {
                    throw StoreError(
                        kind: .invariant("no pending delivery of seq \(seq) to \(endpoint)"),
                        operation: "record delivery attempt", path: location, message: "")
                }
                try await connection.execute(
                    """
                    INSERT INTO delivery_attempt (event_seq, endpoint, attempt, attempted_at, status, latency_ms, error,
                      response)
                    VALUES (\(seq), \(endpoint), \(attempts + 1), \(timestamp), \(attempt.status), \(latencyMs),
                      \(error), \(response))
                    """, logger)
                try await connection.execute(
                    """
                    UPDATE delivery SET attempts = attempts + 1, last_attempt_at = \(timestamp),
                      last_status = \(attempt.status), last_error = \(error), state = \(state),
                      next_attempt_at = \(nextAttemptAt), delivered_at = coalesce(\(deliveredAt), delivered_at),
                      failed_at = coalesce(\(failedAt), failed_at)
                    WHERE event_seq = \(seq) AND endpoint = \(endpoint)
                    """, logger)
            }
            if case .disableEndpoint(let reason) = resolution {
                try await connection.execute(
                    """
                    INSERT INTO endpoint_state (endpoint, cursor_seq, enqueue_passes, disabled_at, disabled_reason)
                    VALUES (\(endpoint), 0, 0, \(timestamp), \(reason.postgresText))
                    ON CONFLICT (endpoint) DO UPDATE SET disabled_at = EXCLUDED.disabled_at,
                      disabled_reason = EXCLUDED.disabled_reason
                    """, logger)
            }
            return try await Self.append(events, timestamp: timestamp, source: source, connection, logger)
        }
    }

    /// What an attempt's resolution makes of the delivery: its state, when it is next due, and the time it was
    /// delivered or given up on.
    static func outcome(of resolution: DeliveryResolution, at timestamp: String)
        -> (state: String, nextAttemptAt: String?, deliveredAt: String?, failedAt: String?)
    {
        switch resolution {
        case .delivered: ("delivered", nil, timestamp, nil)
        case .retry(let at): ("pending", Timestamp.string(from: at), nil, nil)
        case .failed: ("failed", nil, nil, timestamp)
        // Due at once, for when the endpoint is enabled again.
        case .disableEndpoint: ("pending", timestamp, nil, nil)
        }
    }

    @discardableResult
    public func requeueDeliveries(eventId: String, endpoint: String?, at now: Date) async throws(StoreError) -> Int {
        let timestamp = Timestamp.string(from: now)
        return try await write("requeue deliveries") { connection in
            guard
                let seq = try await connection.value(
                    "SELECT seq FROM event WHERE id = \(eventId)", as: Int64.self, logger)
            else {
                throw StoreError(
                    kind: .notFound("event \(eventId)"), operation: "redeliver", path: location, message: "")
            }
            return try await Self.requeue(
                where: "event_seq = $1 AND ($2::text IS NULL OR endpoint = $2)", binds: Self.binds(seq, endpoint),
                timestamp: timestamp, connection, logger)
        }
    }

    @discardableResult
    public func requeueFailedDeliveries(since: Date?, endpoint: String?, at now: Date) async throws(StoreError) -> Int {
        let timestamp = Timestamp.string(from: now)
        let sinceText = since.map(Timestamp.string(from:))
        return try await write("requeue failed deliveries") { connection in
            try await Self.requeue(
                where:
                    "state = 'failed' AND ($1::text IS NULL OR failed_at >= $1) AND ($2::text IS NULL OR endpoint = $2)",
                binds: Self.binds(sinceText, endpoint), timestamp: timestamp, connection, logger)
        }
    }

    /// Puts the deliveries `condition` selects back in the queue, due at `timestamp` with a fresh schedule, and
    /// re-enables their endpoints. `condition` is fixed text of ours; values come only through `binds`.
    static func requeue(
        where condition: String, binds: PostgresBindings, timestamp: String, _ connection: PostgresConnection,
        _ logger: Logger
    ) async throws -> Int {
        var bindings = binds
        bindings.append(timestamp)
        let timestampParameter = "$\(bindings.count)"
        let endpoints = try await connection.rows(
            PostgresQuery(
                unsafeSQL: """
                    UPDATE delivery SET state = 'pending', attempts = 0, next_attempt_at = \(timestampParameter),
                      delivered_at = NULL, failed_at = NULL
                    WHERE \(condition) RETURNING endpoint
                    """, binds: bindings), logger
        ).map { try $0.decode(String.self) }
        let distinct = Array(Set(endpoints))
        try await connection.execute(
            """
            UPDATE endpoint_state SET disabled_at = NULL, disabled_reason = NULL WHERE endpoint = ANY(\(distinct))
            """, logger)
        return endpoints.count
    }

    public func deliveries(failedOnly: Bool, endpoint: String?, limit: Int) async throws(StoreError)
        -> [DeliveryRecord]
    {
        try await read("read deliveries") { connection in
            try await connection.rows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(Self.deliveryColumns) FROM delivery d JOIN event e ON e.seq = d.event_seq
                        WHERE (NOT $1 OR d.state = 'failed') AND ($2::text IS NULL OR d.endpoint = $2)
                        ORDER BY d.event_seq DESC, d.endpoint LIMIT $3
                        """, binds: Self.binds(failedOnly, endpoint, limit)), logger
            ).map(Self.deliveryRecord)
        }
    }

    public func deliveryAttempts(endpoint: String, seq: Int64) async throws(StoreError) -> [DeliveryAttemptLogEntry] {
        try await read("read delivery attempts") { connection in
            try await connection.rows(
                """
                SELECT attempt, attempted_at, status, latency_ms, error, response FROM delivery_attempt
                WHERE endpoint = \(endpoint) AND event_seq = \(seq) ORDER BY id
                """, logger
            ).map { row in
                let (attempt, attemptedAt, status, latency, error, response) = try row.decode(
                    (Int, String, Int?, Int, String?, String?).self)
                return DeliveryAttemptLogEntry(
                    endpoint: endpoint, seq: seq, attempt: attempt, attemptedAt: attemptedAt, status: status,
                    latencyMs: latency, error: error, response: response)
            }
        }
    }

    public func deliveryCounts() async throws(StoreError) -> DeliveryCounts {
        try await read("count deliveries") { connection in try await Self.deliveryCounts(connection, logger) }
    }

    static func deliveryCounts(_ connection: PostgresConnection, _ logger: Logger) async throws -> DeliveryCounts {
        let row = try await connection.rows(
            """
            SELECT count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'failed'),
              min(enqueued_at) FILTER (WHERE state = 'pending')
            FROM delivery
            """, logger
        ).first
        let (pending, failed, oldest) = try row?.decode((Int, Int, String?).self) ?? (0, 0, nil)
        let disabled = try await connection.rows(
            "SELECT endpoint FROM endpoint_state WHERE disabled_at IS NOT NULL ORDER BY endpoint", logger
        ).map { try $0.decode(String.self) }
        return DeliveryCounts(
            pending: pending, failed: failed, oldestPendingSince: oldest, disabledEndpoints: disabled)
    }

    /// Bindings for a query written with `$n` placeholders.
    static func binds(_ values: (any PostgresDynamicTypeEncodable)?...) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            if let value {
                bindings.append(value)
            } else {
                bindings.appendNull()
            }
        }
        return bindings
    }

    static func dueDelivery(_ row: PostgresRow) throws -> DueDelivery {
        let record = try deliveryRecord(row)
        let (_, _, _, _, json, _, _, _, pass) = try row.decode(
            (String, Int64, String, String, String, String, Int, String, Int64).self)
        return DueDelivery(
            endpoint: record.endpoint, seq: record.seq, eventId: record.eventId, eventType: record.eventType,
            json: json, attempts: record.attempts, enqueuePass: pass, nextAttemptAt: record.nextAttemptAt)
    }

    static func deliveryRecord(_ row: PostgresRow) throws -> DeliveryRecord {
        let (
            endpoint, seq, id, type, _, state, attempts, enqueuedAt, _, next, lastAttempt, lastStatus, lastError,
            deliveredAt, failedAt
        ) = try row.decode(
            (
                String, Int64, String, String, String, String, Int, String, Int64, String?, String?, Int?, String?,
                String?, String?
            ).self)
        return DeliveryRecord(
            endpoint: endpoint, seq: seq, eventId: id, eventType: type, state: state, attempts: attempts,
            enqueuedAt: enqueuedAt, nextAttemptAt: next, lastAttemptAt: lastAttempt, lastStatus: lastStatus,
            lastError: lastError, deliveredAt: deliveredAt, failedAt: failedAt)
    }
}
