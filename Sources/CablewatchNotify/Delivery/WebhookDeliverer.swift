import CablewatchCore
import CablewatchStore
import Foundation
import Logging

/// Delivers committed events to every configured webhook: per endpoint strictly in `seq` order with one request in
/// flight, endpoints in parallel. Each attempt is signed afresh (new `webhook-timestamp`) under the event's id as
/// `webhook-id`, and its outcome goes through `DeliveryDecision` into the archive's delivery outbox.
public struct WebhookDeliverer: Sendable {
    let store: any ArchiveStoring
    let endpoints: [WebhookEndpoint]
    let transport: any HTTPTransport
    let source: String
    let schedule: DeliverySchedule
    let timeouts: DeliveryTimeouts
    let logger: Logger
    let clock: @Sendable () -> Date
    let jitter: @Sendable () -> Double

    /// - Parameters:
    ///   - source: the `source` of operational events (`webhook.disabled`, `delivery.failed`).
    ///   - clock: the time of attempts and their signatures.
    ///   - jitter: random numbers in 0...1 for the schedule's jitter.
    public init(
        store: any ArchiveStoring, endpoints: [WebhookEndpoint], transport: any HTTPTransport, source: String,
        schedule: DeliverySchedule = .standard, timeouts: DeliveryTimeouts = .standard, logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() },
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.store = store
        self.endpoints = endpoints
        self.transport = transport
        self.source = source
        self.schedule = schedule
        self.timeouts = timeouts
        self.logger = logger
        self.clock = clock
        self.jitter = jitter
    }

    /// Enqueues new events and makes every attempt that is due by `now` (or by the clock, whichever is later), until
    /// no endpoint has anything due. Never throws: problems are logged and reported.
    public func deliverDue(now: Date) async -> DeliveryRoundReport {
        await withTaskGroup(of: DeliveryRoundReport.self) { group in
            for endpoint in endpoints {
                group.addTask { await deliver(to: endpoint, now: now) }
            }
            var total = DeliveryRoundReport()
            for await report in group { total.merge(report) }
            return total
        }
    }

    /// Delivers until cancelled: a round, then a sleep until the next retry is due (at most `idleInterval`, so new
    /// events are picked up).
    public func run(idleInterval: Duration = .seconds(2)) async {
        while !Task.isCancelled {
            _ = await deliverDue(now: clock())
            var wait = idleInterval
            for endpoint in endpoints {
                if let next = try? await store.nextDeliveryAttempt(endpoint: endpoint.name) {
                    let until = Duration.milliseconds(Int64(max(0, next.timeIntervalSince(clock())) * 1000))
                    wait = min(wait, until)
                }
            }
            do {
                try await Task.sleep(for: max(wait, .milliseconds(10)))
            } catch {
                return
            }
        }
    }

    /// Sends a signed `webhook.test` event straight to `endpoint` (nothing is recorded) and returns the answer.
    public func sendTest(to endpoint: WebhookEndpoint) async throws(FetchError) -> PostResponse {
        let now = clock()
        let data: JSONValue = ["endpoint": .string(endpoint.name), "message": "cablewatch webhook test"]
        let envelope = EventEnvelope(
            seq: 0, id: "evt_test_" + String(UInt64(now.timeIntervalSince1970 * 1000), radix: 16),
            type: EventType.webhookTest.rawValue, timestamp: Timestamp.string(from: now), source: source,
            dataJSON: data.canonicalJSON)
        let body = endpoint.formatter.body(type: envelope.type, data: data, eventJSON: Array(envelope.json.utf8))
        do {
            return try await transport.post(request(to: endpoint, id: envelope.id, body: body))
        } catch {
            throw error.redactingURL
        }
    }

    private func request(to endpoint: WebhookEndpoint, id: String, body: [UInt8]) -> PostRequest {
        let timestamp = Int(clock().timeIntervalSince1970)
        let headers = endpoint.signer.headers(id: id, timestamp: timestamp, body: body)
        return PostRequest(
            url: endpoint.url, headers: headers.map { (name: $0.0, value: $0.1) }, body: body,
            connectTimeout: timeouts.connect, timeout: timeouts.total)
    }

    private func deliver(to endpoint: WebhookEndpoint, now: Date) async -> DeliveryRoundReport {
        var report = DeliveryRoundReport()
        do {
            let state = try await store.endpointDeliveryState(endpoint.name)
            guard !state.isDisabled else { return report }
            try await enqueue(for: endpoint, after: state.cursorSeq, report: &report)
            let limit = endpoint.batch == .release ? ReleaseBatch.maximumEvents : 1
            while !Task.isCancelled {
                let due = try await store.dueDeliveries(endpoint: endpoint.name, now: max(now, clock()), limit: limit)
                guard !due.isEmpty else { break }
                guard try await attempt(unit(of: due, endpoint: endpoint), to: endpoint, report: &report) else { break }
            }
        } catch {
            // A shutdown cancels the round between two store calls (GRDB throws CancellationError): nothing failed,
            // and the next start resumes from the durable cursor and outbox.
            if Task.isCancelled { return report }
            logger.error("webhook delivery stopped", metadata: ["endpoint": "\(endpoint.name)", "error": "\(error)"])
            report.errors.append("\(endpoint.name): \(error)")
        }
        return report
    }

    /// Routes every event after the endpoint's cursor, creating rows for those its filter accepts.
    private func enqueue(for endpoint: WebhookEndpoint, after cursor: Int64, report: inout DeliveryRoundReport)
        async throws(StoreError)
    {
        var cursor = cursor
        while true {
            let events = try await store.events(afterSeq: cursor, limit: 1_000)
            guard let last = events.last else { return }
            let routed = events.filter { endpoint.routes(type: $0.type, data: Self.parse($0.json)["data"] ?? .null) }
            try await store.enqueueDeliveries(
                endpoint: endpoint.name, seqs: routed.map(\.seq), through: last.seq, at: clock())
            report.enqueued += routed.count
            report.skipped += events.count - routed.count
            cursor = last.seq
        }
    }

    /// The next request: the head event alone, or a release summary of the leading run.
    private func unit(of due: [DueDelivery], endpoint: WebhookEndpoint) -> DeliveryUnit {
        let run =
            endpoint.batch == .release
            ? ReleaseBatch.leadingRun(types: due.map(\.eventType), passes: due.map(\.enqueuePass)) : 0
        if run > 0 {
            let members = due.prefix(run)
            let summary = ReleaseBatch.summary(members: members.map { Self.parse($0.json) })
            return DeliveryUnit(
                head: due[0], seqs: members.map(\.seq), id: summary.id, type: summary.type, json: summary.json)
        }
        return DeliveryUnit(
            head: due[0], seqs: [due[0].seq], id: due[0].eventId, type: due[0].eventType, json: due[0].json)
    }

    /// Makes one attempt and records it; returns whether the endpoint may go on to its next delivery.
    private func attempt(_ unit: DeliveryUnit, to endpoint: WebhookEndpoint, report: inout DeliveryRoundReport)
        async throws(StoreError) -> Bool
    {
        let data = Self.parse(unit.json)["data"] ?? .null
        let body = endpoint.formatter.body(type: unit.type, data: data, eventJSON: Array(unit.json.utf8))
        let started = clock()
        let elapsedStart = ContinuousClock.now
        let outcome: DeliveryAttemptOutcome
        var response = PostResponse(status: 0)
        do {
            response = try await transport.post(request(to: endpoint, id: unit.id, body: body))
            outcome = .responded(
                status: response.status,
                retryAfter: RetryAfterHeader.delay(from: response.headers["retry-after"], now: clock()))
        } catch {
            switch error.kind {
            case .cancelled: return false
            case .timeout: outcome = .timedOut
            // A webhook's URL is a secret (a chat webhook's token is its path): the reason is logged and stored.
            default: outcome = .transportFailed(reason: "\(error.redactingURL)")
            }
        }
        let latency = ContinuousClock.now - elapsedStart
        let finished = clock()
        let attemptNumber = unit.head.attempts + 1
        let decision = DeliveryDecision.decide(
            outcome: outcome, attempt: attemptNumber, now: finished, schedule: schedule, jitterUnit: jitter())
        var status: Int?
        if case .responded(let code, _) = outcome { status = code }
        let record = DeliveryAttemptRecord(
            attemptedAt: started, status: status, latency: latency,
            error: decision == .delivered ? nil : outcome.summary, response: response.bodyPrefix)
        report.attempts += 1
        let metadata: Logger.Metadata = [
            "endpoint": "\(endpoint.name)", "event": "\(unit.id)", "seq": "\(unit.head.seq)",
            "attempt": "\(attemptNumber)", "outcome": "\(outcome.summary)",
        ]
        switch decision {
        case .delivered:
            try await store.recordDeliveryAttempt(
                endpoint: endpoint.name, seqs: unit.seqs, attempt: record, resolution: .delivered, source: source)
            report.delivered += unit.seqs.count
            return true
        case .retry(let at, _):
            logger.warning(
                "webhook delivery will be retried",
                metadata: metadata.merging(["at": "\(Timestamp.string(from: at))"]) { $1 })
            try await store.recordDeliveryAttempt(
                endpoint: endpoint.name, seqs: unit.seqs, attempt: record, resolution: .retry(at: at), source: source)
            report.retried += 1
            return false
        case .failed(let reason):
            logger.error("webhook delivery failed", metadata: metadata.merging(["reason": "\(reason)"]) { $1 })
            var operational: [PendingEvent] = []
            if unit.type != EventType.deliveryFailed.rawValue {
                operational.append(
                    DeliveryFailedPayload(
                        endpoint: endpoint.name, eventId: unit.id, eventType: unit.type, seq: unit.head.seq,
                        attempts: attemptNumber, lastError: reason
                    ).event)
            }
            try await store.recordDeliveryAttempt(
                endpoint: endpoint.name, seqs: unit.seqs, attempt: record, resolution: .failed, events: operational,
                source: source)
            report.failed += unit.seqs.count
            return true
        case .disableEndpoint(let reason):
            logger.error("webhook endpoint disabled", metadata: metadata.merging(["reason": "\(reason)"]) { $1 })
            let event = WebhookDisabledPayload(
                endpoint: endpoint.name, reason: reason, eventId: unit.id, seq: unit.head.seq
            ).event
            try await store.recordDeliveryAttempt(
                endpoint: endpoint.name, seqs: unit.seqs, attempt: record, resolution: .disableEndpoint(reason: reason),
                events: [event], source: source)
            report.disabledEndpoints.append(endpoint.name)
            return false
        }
    }

    static func parse(_ json: String) -> JSONValue {
        (try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))) ?? .null
    }
}

/// One request's worth of deliveries: a single event, or the members of a release summary.
struct DeliveryUnit: Sendable {
    /// The head of the endpoint's queue (its attempt count is the unit's).
    var head: DueDelivery
    var seqs: [Int64]
    /// The `webhook-id`: the event's id, or the summary's stable id.
    var id: String
    var type: String
    var json: String
}
