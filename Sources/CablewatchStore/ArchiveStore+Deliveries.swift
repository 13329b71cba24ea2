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
            var state = try EndpointStateRow.find(endpoint, db)
            let cursor = state.cursorSeq
            guard through > cursor else { return 0 }
            state.cursorSeq = through
            state.enqueuePasses += 1
            try state.save(db)
            var created = 0
            for seq in seqs where seq > cursor && seq <= through {
                let delivery = DeliveryRow(pending: seq, to: endpoint, enqueuedAt: timestamp, pass: state.enqueuePasses)
                try delivery.insert(db, onConflict: .ignore)
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
            let rows = try DeliveryEventRow.queueHead(of: endpoint, limit: max(1, limit), db)
            guard let head = rows.first else { return [] }
            if let headDue = head.delivery.nextAttemptAt, headDue > timestamp { return [] }
            return rows.map(\.due)
        }
    }

    /// When the head of the endpoint's queue is next due (nil: nothing pending).
    public func nextDeliveryAttempt(endpoint: String) async throws(StoreError) -> Date? {
        try await read("read next delivery") { db in
            try DeliveryRow.queue(of: endpoint).fetchOne(db)
                .flatMap { Timestamp.date(from: $0.nextAttemptAt ?? $0.enqueuedAt) }
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
                guard var delivery = try DeliveryRow.findPending(seq, to: endpoint, db) else {
                    throw StoreError(
                        kind: .invariant("no pending delivery of seq \(seq) to \(endpoint)"),
                        operation: "record delivery attempt", path: "", message: "")
                }
                try DeliveryAttemptRow(
                    eventSeq: seq, endpoint: endpoint, attempt: delivery.attempts + 1, attemptedAt: timestamp,
                    status: attempt.status, latencyMs: latencyMs, error: attempt.error, response: response
                ).insert(db)
                delivery.record(
                    attemptAt: timestamp, status: attempt.status, error: attempt.error, resolution: resolution)
                try delivery.update(db)
            }
            if case .disableEndpoint(let reason) = resolution {
                var state = try EndpointStateRow.find(endpoint, db)
                state.disabledAt = timestamp
                state.disabledReason = reason
                try state.save(db)
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
            guard let event = try EventRow.filter(EventRow.Columns.id == eventId).fetchOne(db) else {
                throw StoreError(kind: .notFound("event \(eventId)"), operation: "redeliver", path: path, message: "")
            }
            var deliveries = DeliveryRow.filter(DeliveryRow.Columns.eventSeq == event.seq)
            if let endpoint { deliveries = deliveries.filter(DeliveryRow.Columns.endpoint == endpoint) }
            return try Self.requeue(deliveries, timestamp: timestamp, db: db)
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
            var deliveries = DeliveryRow.filter(DeliveryRow.Columns.state == "failed")
            if let sinceText { deliveries = deliveries.filter(DeliveryRow.Columns.failedAt >= sinceText) }
            if let endpoint { deliveries = deliveries.filter(DeliveryRow.Columns.endpoint == endpoint) }
            return try Self.requeue(deliveries, timestamp: timestamp, db: db)
        }
    }

    /// Delivery rows, newest first: all, or only failed ones, of one endpoint or all.
    public func deliveries(failedOnly: Bool = false, endpoint: String? = nil, limit: Int = 100)
        async throws(StoreError) -> [DeliveryRecord]
    {
        try await read("read deliveries") { db in
            var deliveries = DeliveryRow.order(DeliveryRow.Columns.eventSeq.desc, DeliveryRow.Columns.endpoint)
            if failedOnly { deliveries = deliveries.filter(DeliveryRow.Columns.state == "failed") }
            if let endpoint { deliveries = deliveries.filter(DeliveryRow.Columns.endpoint == endpoint) }
            return try DeliveryEventRow.request(deliveries.limit(limit)).fetchAll(db).map(\.record)
        }
    }

    /// The attempt log of one delivery, oldest first.
    public func deliveryAttempts(endpoint: String, seq: Int64) async throws(StoreError) -> [DeliveryAttemptLogEntry] {
        try await read("read delivery attempts") { db in
            typealias Columns = DeliveryAttemptRow.Columns
            return try DeliveryAttemptRow.filter(Columns.endpoint == endpoint && Columns.eventSeq == seq)
                .order(Columns.id).fetchAll(db).map(\.entry)
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
        let failed = DeliveryRow.filter(DeliveryRow.Columns.state == "failed")
        let oldest = DeliveryRow.pending.select(min(DeliveryRow.Columns.enqueuedAt), as: String.self)
        let disabled = EndpointStateRow.filter(EndpointStateRow.Columns.disabledAt != nil)
            .order(EndpointStateRow.Columns.endpoint).select(EndpointStateRow.Columns.endpoint, as: String.self)
        return DeliveryCounts(
            pending: try DeliveryRow.pending.fetchCount(db), failed: try failed.fetchCount(db),
            oldestPendingSince: try oldest.fetchOne(db), disabledEndpoints: try disabled.fetchAll(db))
    }

    static func endpointState(_ endpoint: String, db: Database) throws -> EndpointDeliveryState {
        try EndpointStateRow.find(endpoint, db).state
    }

    /// Puts `deliveries` back in the queue, due at `timestamp` with a fresh schedule, and re-enables their endpoints.
    static func requeue(_ deliveries: QueryInterfaceRequest<DeliveryRow>, timestamp: String, db: Database) throws
        -> Int
    {
        let endpoints = try deliveries.select(DeliveryRow.Columns.endpoint, as: String.self).distinct().fetchAll(db)
        let requeued = try deliveries.updateAll(db, DeliveryRow.requeued(at: timestamp))
        _ = try EndpointStateRow.filter(keys: endpoints).updateAll(
            db, EndpointStateRow.Columns.disabledAt.set(to: nil), EndpointStateRow.Columns.disabledReason.set(to: nil))
        return requeued
    }
}
