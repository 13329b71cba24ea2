import Foundation
import Testing

/// `cablewatch deliveries` and `cablewatch redeliver` end to end: real processes, the simulator, and a receiver that
/// verifies every signature with the reference `standardwebhooks` package.
@Suite(.serialized) struct DeliveryCommandLineTests {
    @Test func aHeldDeliveryIsListedRedeliveredByIdAndSentWithEverythingAfterIt() async throws {
        let directory = NSTemporaryDirectory() + "cablewatch-redeliver-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (simulator, baseURL) = try await ProcessHarness.startSimulator(
            ["--cables", "40", "--seed", "5", "--builds", "3"], directory: directory)
        defer { simulator.terminate() }
        let receiver = try WebhookReceiver(secret: DeliveryFixture.secret.encoded)
        func configure(webhookURL: String) throws -> String {
            try ProcessHarness.writeConfiguration(
                directory: directory, sourceURL: baseURL,
                webhooks: """
                    webhooks:
                      - name: ops
                        url: \(webhookURL)
                        secret: \(DeliveryFixture.secret.encoded)
                    """
            )
        }
        // The endpoint answers 410 Gone: the first delivery is refused and the endpoint disabled.
        var config = try configure(webhookURL: receiver.url("/gone", "status=410"))
        func cablewatch(_ arguments: String...) async throws -> (status: Int32, output: String) {
            try await ProcessHarness.run("cablewatch", ["--config", config] + arguments)
        }
        func deliveries(_ arguments: String...) async throws -> [[String: Any]] {
            let result = try await ProcessHarness.run(
                "cablewatch", ["--config", config, "deliveries", "--json"] + arguments)
            #expect(result.status == 0, "\(result.output)")
            return try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]] ?? []
        }

        #expect(try await cablewatch("poll").status == 0)
        _ = try await ProcessHarness.curl(baseURL + "/_sim/advance", method: "POST")
        #expect(try await cablewatch("poll").status == 0)
        // The endpoint is disabled at its first 410: the delivery waits in the outbox, nothing is dropped.
        let held = try await deliveries()
        #expect(held.count == 1, "\(held)")
        #expect(held.allSatisfy { $0["state"] as? String == "pending" && $0["lastStatus"] as? Int == 410 })
        let gone = try receiver.requests(to: "/gone")
        #expect(gone.count == 1 && gone.allSatisfy(\.verified))
        let heldId = try #require(held.first?["eventId"] as? String)
        #expect(gone.first?.webhookID == heldId)
        let noneFailed = try await cablewatch("deliveries", "--failed")
        #expect(noneFailed.status == 0 && noneFailed.output.contains("no failed deliveries"), "\(noneFailed.output)")
        let nothingToRequeue = try await cablewatch("redeliver", "--failed")
        #expect(nothingToRequeue.status == 0 && nothingToRequeue.output.contains("0 deliveries queued"))
        let badSince = try await cablewatch("redeliver", "--failed", "--since", "yesterday")
        #expect(badSince.status != 0 && badSince.output.contains("--since yesterday"), "\(badSince.output)")
        let both = try await cablewatch("redeliver", heldId, "--failed")
        #expect(both.status != 0 && both.output.contains("either an EVENT_ID or --failed"), "\(both.output)")

        // The operator fixes the URL and redelivers the held event: that re-enables the endpoint, and the next poll
        // delivers it and every event since, each signed and verified.
        config = try configure(webhookURL: receiver.url("/hook"))
        let requeued = try await cablewatch("redeliver", heldId)
        #expect(requeued.status == 0 && requeued.output.contains("1 deliveries queued"), "\(requeued.output)")
        #expect(try await cablewatch("poll").status == 0)
        let delivered = try await deliveries()
        let events = try await ProcessHarness.run("cablewatch", ["--config", config, "events", "--json"])
        let eventCount = events.output.split(separator: "\n").count
        #expect(delivered.count > 1, "\(delivered)")
        #expect(delivered.allSatisfy { $0["state"] as? String == "delivered" && $0["lastStatus"] as? Int == 200 })
        let hooks = try receiver.requests(to: "/hook")
        #expect(hooks.count == delivered.count && hooks.allSatisfy(\.verified), "\(eventCount) events")
        // The held event keeps its webhook-id across attempts, so a receiver can drop duplicates.
        #expect(hooks.filter { $0.webhookID == heldId }.count == 1)

        // One event again, by id: it is delivered once more, with the same webhook-id.
        let again = try await cablewatch("redeliver", heldId)
        #expect(again.status == 0 && again.output.contains("1 deliveries queued"), "\(again.output)")
        #expect(try await cablewatch("poll").status == 0)
        let repeated = try receiver.requests(to: "/hook").filter { $0.webhookID == heldId }
        #expect(repeated.count == 2 && repeated.allSatisfy(\.verified))
        let missing = try await cablewatch("redeliver", "evt_0000000000000000000000000")
        #expect(
            missing.status != 0 && missing.output.contains("event evt_0000000000000000000000000 not found in"),
            "\(missing.output)")
    }
}
