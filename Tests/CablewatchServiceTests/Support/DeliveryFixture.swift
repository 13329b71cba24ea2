import CablewatchCore
import CablewatchFetch
import CablewatchNotify
import CablewatchService
import CablewatchStore
import Foundation
import Logging

/// A clock the test moves by hand (starting at the real time, so receivers accept the signatures' timestamps).
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date()

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current += seconds }
    }
}

/// An archive in a temporary directory, a receiver, a real libcurl transport and a manual clock.
struct DeliveryFixture {
    static let secret: WebhookSecret = {
        do { return try WebhookSecret(keyBytes: (0..<32).map { UInt8($0 * 7 % 251) }) } catch { fatalError("\(error)") }
    }()
    /// A short schedule: 4 attempts, 2 s apart, no jitter.
    static let shortSchedule = DeliverySchedule(delays: [.zero, .seconds(2), .seconds(2), .seconds(2)], jitter: 0)

    let directory: String
    let store: ArchiveStore
    let receiver: WebhookReceiver
    let transport: CurlTransport
    let clock = ManualClock()

    init(singleThreadedReceiver: Bool = false) throws {
        directory = NSTemporaryDirectory() + "cablewatch-delivery-\(UUID().uuidString)"
        store = try ArchiveStore(path: directory + "/archive.sqlite3")
        receiver = try WebhookReceiver(secret: Self.secret.encoded, singleThreaded: singleThreadedReceiver)
        transport = try CurlTransport(userAgent: "cablewatch-test")
    }

    func remove() {
        transport.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func endpoint(
        _ name: String, path: String, query: String = "", format: WebhookPayloadFormat = .standard,
        filter: WebhookFilter = WebhookFilter(), batch: WebhookBatchMode = .none
    ) -> WebhookEndpoint {
        WebhookEndpoint(
            name: name, url: receiver.url(path, query), signer: WebhookSigner(secret: Self.secret), filter: filter,
            formatter: WebhookPayloadFormatter(format: format), batch: batch)
    }

    func deliverer(
        _ endpoints: [WebhookEndpoint], store: ArchiveStore? = nil, schedule: DeliverySchedule = shortSchedule,
        timeouts: DeliveryTimeouts = DeliveryTimeouts(connect: .seconds(2), total: .seconds(5))
    ) -> WebhookDeliverer {
        let clock = self.clock
        return WebhookDeliverer(
            store: store ?? self.store, endpoints: endpoints, transport: transport, source: "http://sim.test",
            schedule: schedule, timeouts: timeouts, logger: Logger(label: "test"), clock: { clock.now },
            jitter: { 0.5 })
    }

    /// Commits one `cable.added` event per origin, in one transaction, and returns them.
    @discardableResult
    func commitCables(_ origins: [String], type: EventType = .cableAdded) async throws -> [EventEnvelope] {
        var changes = ArchiveChanges()
        let base = try await store.events(afterSeq: 0, limit: 100_000).count
        changes.events = origins.enumerated().map { index, origin in
            let data: JSONValue = [
                "referenceId": .string("09TEST\(base + index)"), "origin": .string(origin),
                "classification": "CONFIDENTIAL", "subject": .string("Subject \(base + index)"), "tags": ["PREL"],
            ]
            return PendingEvent(type: type, dataJSON: data.canonicalJSON)
        }
        return try await store.commit(changes, at: clock.now, source: "http://sim.test")
    }

    /// Runs delivery rounds, advancing the clock by `step` seconds after each, until `done` holds (at most `rounds`).
    @discardableResult
    func deliverRounds(
        _ deliverer: WebhookDeliverer, step: TimeInterval = 2, rounds: Int = 10,
        until done: () async throws -> Bool
    ) async throws -> DeliveryRoundReport {
        var total = DeliveryRoundReport()
        for _ in 0..<rounds {
            total.merge(await deliverer.deliverDue(now: clock.now))
            if try await done() { break }
            clock.advance(by: step)
        }
        return total
    }

    func nothingPending() async throws -> Bool {
        try await store.deliveryCounts().pending == 0
    }
}
