import CablewatchCore
import CablewatchNotify
import CablewatchService
import CablewatchStore
import Foundation
import Logging
import Testing

/// Commits events in sync-step-sized transactions while the delivery loop runs, and measures commit-to-receipt
/// latency at a verifying receiver. `Benchmarks/webhook-throughput.sh` runs it with `WEBHOOK_BENCH_EVENTS=10000`;
/// as a plain test it uses 300 events.
@Test func deliveryLoopKeepsUpWithCommittedEvents() async throws {
    let total = Int(ProcessInfo.processInfo.environment["WEBHOOK_BENCH_EVENTS"] ?? "") ?? 300
    let perCommit = 100
    let fixture = try DeliveryFixture()
    defer { fixture.remove() }
    let deliverer = WebhookDeliverer(
        store: fixture.store, endpoints: [fixture.endpoint("bench", path: "/bench")], transport: fixture.transport,
        source: "http://sim.test", logger: Logger(label: "bench"))
    let loop = Task { await deliverer.run(idleInterval: .milliseconds(20)) }
    let started = Date()
    var committed = 0
    while committed < total {
        var changes = ArchiveChanges()
        changes.events = (0..<min(perCommit, total - committed)).map { index in
            let data: JSONValue = ["referenceId": .string("09BENCH\(committed + index)"), "origin": "Bench"]
            return PendingEvent(type: .cableAdded, dataJSON: data.canonicalJSON)
        }
        committed += try await fixture.store.commit(changes, at: Date(), source: "http://sim.test").count
        try await Task.sleep(for: .milliseconds(5))
    }
    // Waits while deliveries keep arriving: a loaded 2-core machine slows the receiver, but a stalled loop still
    // fails after a minute without progress.
    var received = 0
    var lastProgress = Date()
    while received < total, Date().timeIntervalSince(lastProgress) < 60 {
        try await Task.sleep(for: .milliseconds(100))
        let count = try fixture.receiver.requests().count
        if count > received { (received, lastProgress) = (count, Date()) }
    }
    loop.cancel()
    await loop.value
    let requests = try fixture.receiver.requests()
    #expect(requests.count == total)
    #expect(requests.unverified.isEmpty)
    #expect(requests.map(\.seq) == Array(1...total))

    let latencies = requests.compactMap { request -> Double? in
        guard let stamp = request.json["timestamp"] as? String, let date = Timestamp.date(from: stamp) else {
            return nil
        }
        return (request.received - date.timeIntervalSince1970) * 1000
    }.sorted()
    #expect(latencies.count == total)
    let elapsed = (requests.last?.received ?? 0) - started.timeIntervalSince1970
    let p50 = latencies[latencies.count / 2]
    let p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
    let line = String(
        format: "BENCH events=%d seconds=%.2f events_per_second=%.0f p50_ms=%.1f p99_ms=%.1f", total, elapsed,
        Double(total) / elapsed, p50, p99)
    print(line)
    if let output = ProcessInfo.processInfo.environment["WEBHOOK_BENCH_OUTPUT"] {
        try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: output))
    }
}
