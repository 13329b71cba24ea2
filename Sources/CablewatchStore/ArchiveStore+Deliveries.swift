import CablewatchCore
import Foundation
import GRDB

/// The webhook delivery outbox (DESIGN.md §3): per endpoint, rows are created lazily from the `event` table behind a
/// cursor, so an event committed by a sync step is delivered even when the daemon died before sending it.
/// Deliveries of one endpoint go strictly in `seq` order: only the lowest pending row can be due.
extension ArchiveStore {
    /// The endpoint's cursor and disabled flag (cursor 0 and enabled when it has never been seen).
    public func endpointDeliveryState(_ endpoint: String) async throws(StoreError) -> EndpointDeliveryState {
        try await read("read endpointState") { db in
            try Self.endpointState(endpoint, db: db)
        }
    }

    /// Creates pending rows (due at `now`) for `seqs`, which the caller routed to `endpoint`, and moves its cursor to
    /// `through` (every event up to there is now enqueued or filtered out). Returns how many rows were created.
    @discardableResult
    public func enqueueDeliveries(endpoint: String, seqs: [Int64], through: Int64, at now: Date)
        async throws(StoreError) -> Int
    {
        let timestamp = Timestamp.string(from: now)
        return try await write("enqueue deliveries") { db in
            let state = try Self.endpointState(endpoint, db: db)
            guard through > state.cursorSeq else { return 0 }
            try db.execute(
                sql: """
                    INSERT INTO endpointState (endpoint, cursorSeq, enqueuePasses) VALUES (?, ?, 1)
                    ON CONFLICT (endpoint) DO UPDATE SET cursorSeq = excluded.cursorSeq,
                      enqueuePasses = enqueuePasses + 1
                    """, arguments: [endpoint, through])
            let pass =
                try Int64.fetchOne(
                    db, sql: "SELECT enqueuePasses FROM endpointState WHERE endpoint = ?", arguments: [endpoint]) ?? 0
            var created = 0
            for seq in seqs where seq > state.cursorSeq && seq <= through {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO delivery (eventSeq, endpoint, state, enqueuedAt, enqueuePass, nextAttemptAt)
                        VALUES (?, ?, 'pending', ?, ?, ?)
                        """, arguments: [seq, endpoint, timestamp, pass, timestamp])
                created += db.changesCount
            }
            return created
        }
    }

    /// The endpoint's pending deliveries from the head of its queue, in `seq` order, at most `limit` — or none
    /// when the head is not due yet at `now` (nothing overtakes it).
    public func dueDeliveries(endpoint: String, now: Date, limit: Int = 1) async throws(StoreError) -> [DueDelivery] {
        let timestamp = Timestamp.string(from: now)
        return try await read("read due deliveries") { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.eventSeq, d.attempts, d.enqueuePass, d.nextAttemptAt, e.id, e.type, e.json
                    FROM delivery d JOIN event e ON e.seq = d.eventSeq
                    WHERE d.endpoint = ? AND d.state = 'pending' ORDER BY d.eventSeq LIMIT ?
                    """, arguments: [endpoint, max(1, limit)])
            guard let head = rows.first else { return [] }
            let headDue: String? = head["nextAttemptAt"]
            if let headDue, headDue > timestamp { return [] }
            return rows.map {
                DueDelivery(
                    endpoint: endpoint, seq: $0["eventSeq"], eventId: $0["id"], eventType: $0["type"],
                    json: $0["json"], attempts: $0["attempts"], enqueuePass: $0["enqueuePass"],
                    nextAttemptAt: $0["nextAttemptAt"])
            }
        }
    }

    /// When the head of the endpoint's queue is next due (nil: nothing pending).
    public func nextDeliveryAttempt(endpoint: String) async throws(StoreError) -> Date? {
        try await read("read next delivery") { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT coalesce(nextAttemptAt, enqueuedAt) FROM delivery
                    WHERE endpoint = ? AND state = 'pending' ORDER BY eventSeq LIMIT 1
                    """, arguments: [endpoint]
            ).flatMap(Timestamp.date(from:))
        }
    }

    /// Records one attempt covering `seqs` (one event, or the members of a release batch) and applies its
    /// resolution; `events` (operational events such as `webhook.disabled` or `delivery.failed`) are committed to the
    /// outbox in the same transaction. Returns the committed events.
    @discardableResult
    public func recordDeliveryAttempt(
        endpoint: String, seqs: [Int64], attempt: DeliveryAttemptRecord, resolution: DeliveryResolution,
        events: [PendingEvent] = [], source: String
    ) async throws(StoreError) -> [EventEnvelope] {
        let timestamp = Timestamp.string(from: attempt.attemptedAt)
        let latencyMs =
            Int(attempt.latency.components.seconds * 1000)
            + Int(attempt.latency.components.attoseconds / 1_000_000_000_000_000)
        let response = attempt.response.isEmpty ? nil : String(decoding: attempt.response, as: UTF8.self)
        // A plain success commits no event: it is written without waiting for fsync (safe against a process crash;
        // a power cut can at worst forget the mark, which means one more delivery of an already delivered event).
        let relaxed = resolution == .delivered && events.isEmpty
        return try await write("record delivery attempt", relaxedDurability: relaxed) { db in
            for seq in seqs {
                let attempts =
                    try Int.fetchOne(
                        db,
                        sql: "SELECT attempts FROM delivery WHERE eventSeq = ? AND endpoint = ? AND state = 'pending'",
                        arguments: [seq, endpoint])
                guard let attempts else {
                    throw StoreError(
                        kind: .invariant("no pending delivery of seq \(seq) to \(endpoint)"),
                        operation: "record delivery attempt", path: "", message: "")
                }
                try db.execute(
                    sql: """
                        INSERT INTO deliveryAttempt (eventSeq, endpoint, attempt, attemptedAt, status, latencyMs, error,
                          response) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        seq, endpoint, attempts + 1, timestamp, attempt.status, latencyMs, attempt.error, response,
                    ])
                let common = "attempts = attempts + 1, lastAttemptAt = ?, lastStatus = ?, lastError = ?"
                switch resolution {
                case .delivered:
                    try db.execute(
                        sql: """
                            UPDATE delivery SET \(common), state = 'delivered', deliveredAt = ?, nextAttemptAt = NULL
                            WHERE eventSeq = ? AND endpoint = ?
                            """, arguments: [timestamp, attempt.status, attempt.error, timestamp, seq, endpoint])
                case .retry(let at):
                    try db.execute(
                        sql: "UPDATE delivery SET \(common), nextAttemptAt = ? WHERE eventSeq = ? AND endpoint = ?",
                        arguments: [
                            timestamp, attempt.status, attempt.error, Timestamp.string(from: at), seq, endpoint,
                        ])
                case .failed:
                    try db.execute(
                        sql: """
                            UPDATE delivery SET \(common), state = 'failed', failedAt = ?, nextAttemptAt = NULL
                            WHERE eventSeq = ? AND endpoint = ?
                            """, arguments: [timestamp, attempt.status, attempt.error, timestamp, seq, endpoint])
                case .disableEndpoint:
                    try db.execute(
                        sql: "UPDATE delivery SET \(common), nextAttemptAt = ? WHERE eventSeq = ? AND endpoint = ?",
                        arguments: [timestamp, attempt.status, attempt.error, timestamp, seq, endpoint])
                }
            }
            if case .disableEndpoint(let reason) = resolution {
                try db.execute(
                    sql: """
                        INSERT INTO endpointState (endpoint, disabledAt, disabledReason) VALUES (?, ?, ?)
                        ON CONFLICT (endpoint) DO UPDATE SET disabledAt = excluded.disabledAt,
                          disabledReason = excluded.disabledReason
                        """, arguments: [endpoint, timestamp, reason])
            }
            return try Self.append(events, timestamp: timestamp, source: source, db: db)
        }
    }

    /// Puts every delivery of the event `eventId` (to `endpoint`, or to all endpoints) back in the queue, due at
    /// `now` with a fresh schedule, and re-enables the endpoints concerned. Throws `.notFound` for an unknown event.
    @discardableResult
    public func requeueDeliveries(eventId: String, endpoint: String? = nil, at now: Date) async throws(StoreError)
        -> Int
    {
        let timestamp = Timestamp.string(from: now)
        let path = self.path
        return try await write("requeue deliveries") { db in
            guard let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM event WHERE id = ?", arguments: [eventId])
            else {
                throw StoreError(kind: .notFound("event \(eventId)"), operation: "redeliver", path: path, message: "")
            }
            return try Self.requeue(
                where: "eventSeq = ? AND (? IS NULL OR endpoint = ?)", arguments: [seq, endpoint, endpoint],
                timestamp: timestamp, db: db)
        }
    }

    /// Puts every failed delivery (failed at or after `since`, to `endpoint` or any) back in the queue, due at `now`,
    /// and re-enables the endpoints concerned. Returns how many were requeued.
    @discardableResult
    public func requeueFailedDeliveries(since: Date? = nil, endpoint: String? = nil, at now: Date)
        async throws(StoreError) -> Int
    {
        let timestamp = Timestamp.string(from: now)
        let sinceText = since.map(Timestamp.string(from:))
        return try await write("requeue failed deliveries") { db in
            try Self.requeue(
                where: "state = 'failed' AND (? IS NULL OR failedAt >= ?) AND (? IS NULL OR endpoint = ?)",
                arguments: [sinceText, sinceText, endpoint, endpoint], timestamp: timestamp, db: db)
        }
    }

    /// Delivery rows, newest first: all, or only failed ones, of one endpoint or all.
    public func deliveries(failedOnly: Bool = false, endpoint: String? = nil, limit: Int = 100)
        async throws(StoreError) -> [DeliveryRecord]
    {
        try await read("read deliveries") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.*, e.id, e.type FROM delivery d JOIN event e ON e.seq = d.eventSeq
                    WHERE (? = 0 OR d.state = 'failed') AND (? IS NULL OR d.endpoint = ?)
                    ORDER BY d.eventSeq DESC, d.endpoint LIMIT ?
                    """, arguments: [failedOnly, endpoint, endpoint, limit]
            ).map {
                DeliveryRecord(
                    endpoint: $0["endpoint"], seq: $0["eventSeq"], eventId: $0["id"], eventType: $0["type"],
                    state: $0["state"], attempts: $0["attempts"], enqueuedAt: $0["enqueuedAt"],
                    nextAttemptAt: $0["nextAttemptAt"], lastAttemptAt: $0["lastAttemptAt"],
                    lastStatus: $0["lastStatus"], lastError: $0["lastError"], deliveredAt: $0["deliveredAt"],
                    failedAt: $0["failedAt"])
            }
        }
    }

    /// The attempt log of one delivery, oldest first.
    public func deliveryAttempts(endpoint: String, seq: Int64) async throws(StoreError) -> [DeliveryAttemptLogEntry] {
        try await read("read delivery attempts") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM deliveryAttempt WHERE endpoint = ? AND eventSeq = ? ORDER BY id",
                arguments: [endpoint, seq]
            ).map {
                DeliveryAttemptLogEntry(
                    endpoint: $0["endpoint"], seq: $0["eventSeq"], attempt: $0["attempt"],
                    attemptedAt: $0["attemptedAt"], status: $0["status"], latencyMs: $0["latencyMs"],
                    error: $0["error"], response: $0["response"])
            }
        }
    }

    /// Pending and failed counts, the oldest pending delivery and the disabled endpoints.
    public func deliveryCounts() async throws(StoreError) -> DeliveryCounts {
        try await read("count deliveries") { db in
            try Self.deliveryCounts(db)
        }
    }

    /// A write transaction, optionally with `synchronous = NORMAL` (no fsync at commit in WAL mode) for its duration.
    func write<T: Sendable>(
        _ operation: String, relaxedDurability: Bool, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        guard relaxedDurability else { return try await write(operation, body) }
        do {
            return try await writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
                var result: T?
                try db.inTransaction {
                    result = try body(db)
                    return .commit
                }
                guard let result else {
                    throw StoreError(kind: .invariant("no result"), operation: operation, path: "", message: "")
                }
                return result
            }
        } catch {
            throw StoreError.wrap(error, operation: operation, path: path)
        }
    }

    static func deliveryCounts(_ db: Database) throws -> DeliveryCounts {
        let pending = try Int.fetchOne(db, sql: "SELECT count(*) FROM delivery WHERE state = 'pending'") ?? 0
        let failed = try Int.fetchOne(db, sql: "SELECT count(*) FROM delivery WHERE state = 'failed'") ?? 0
        let oldest = try String.fetchOne(db, sql: "SELECT min(enqueuedAt) FROM delivery WHERE state = 'pending'")
        let disabled = try String.fetchAll(
            db, sql: "SELECT endpoint FROM endpointState WHERE disabledAt IS NOT NULL ORDER BY endpoint")
        return DeliveryCounts(pending: pending, failed: failed, oldestPendingSince: oldest, disabledEndpoints: disabled)
    }

    static func endpointState(_ endpoint: String, db: Database) throws -> EndpointDeliveryState {
        let row = try Row.fetchOne(
            db, sql: "SELECT cursorSeq, disabledAt, disabledReason FROM endpointState WHERE endpoint = ?",
            arguments: [endpoint])
        return EndpointDeliveryState(
            endpoint: endpoint, cursorSeq: row?["cursorSeq"] ?? 0, disabledAt: row?["disabledAt"],
            disabledReason: row?["disabledReason"])
    }

    static func requeue(where condition: String, arguments: StatementArguments, timestamp: String, db: Database) throws
        -> Int
    {
        let endpoints = try String.fetchAll(
            db, sql: "SELECT DISTINCT endpoint FROM delivery WHERE \(condition)", arguments: arguments)
        try db.execute(
            sql: """
                UPDATE delivery SET state = 'pending', attempts = 0, nextAttemptAt = ?, deliveredAt = NULL,
                  failedAt = NULL WHERE \(condition)
                """, arguments: [timestamp] + arguments)
        let requeued = db.changesCount
        for endpoint in endpoints {
            try db.execute(
                sql: "UPDATE endpointState SET disabledAt = NULL, disabledReason = NULL WHERE endpoint = ?",
                arguments: [endpoint])
        }
        return requeued
    }
}
