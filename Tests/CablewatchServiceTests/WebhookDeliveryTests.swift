import CablewatchCore
import CablewatchNotify
import CablewatchService
import CablewatchStore
import Foundation
import Testing

/// Delivery against a real receiver on 127.0.0.1 that verifies every signature with the `standardwebhooks` package.
@Suite(.serialized) struct WebhookDeliveryTests {
    @Test func everyEventArrivesOnceVerifiedByTheReferenceLibraryWithTheStoredBytes() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        let events = try await fixture.commitCables(["Paris", "Rome", "Oslo", "Lima", "Kyiv"])
        let report = await fixture.deliverer([fixture.endpoint("ops", path: "/ops")]).deliverDue(
            now: fixture.clock.now)
        #expect(report.delivered == 5)
        #expect(report.attempts == 5)
        let requests = try fixture.receiver.requests()
        #expect(requests.count == 5)
        #expect(requests.unverified.isEmpty, "\(requests.compactMap(\.error))")
        #expect(requests.map(\.body) == events.map(\.json))
        #expect(requests.map(\.webhookID) == events.map(\.id))
        #expect(requests.map(\.seq) == [1, 2, 3, 4, 5])
        let records = try await fixture.store.deliveries()
        #expect(records.map(\.state) == Array(repeating: "delivered", count: 5))
        #expect(records.map(\.attempts) == Array(repeating: 1, count: 5))
        #expect(try await fixture.nothingPending())
        // Nothing is sent twice.
        _ = await fixture.deliverer([fixture.endpoint("ops", path: "/ops")]).deliverDue(now: fixture.clock.now)
        #expect(try fixture.receiver.requests().count == 5)
    }

    @Test func aRoundCancelledByShutdownIsNoErrorAndTheNextRoundDeliversEverything() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        try await fixture.commitCables(["Paris", "Rome"])
        let deliverer = fixture.deliverer([fixture.endpoint("ops", path: "/ops")])
        let now = fixture.clock.now
        // A shutdown cancels the delivery task: its store calls throw CancellationError, which is not a failure.
        let cancelled = Task { () -> DeliveryRoundReport in
            withUnsafeCurrentTask { $0?.cancel() }
            return await deliverer.deliverDue(now: now)
        }
        let report = await cancelled.value
        #expect(report.errors == [])
        #expect(report.attempts == 0)
        #expect(try fixture.receiver.requests().isEmpty)
        let next = await deliverer.deliverDue(now: now)
        #expect(next.delivered == 2)
        #expect(try await fixture.nothingPending())
    }

    @Test func aReceiverServingOneKeepAliveConnectionAtATimeGetsEveryEventAtTheFirstAttempt() async throws {
        // POSTs used to go to whichever of the transport's workers was idle, each with its own connections: a second
        // connection, which this receiver does not serve while it holds the first, and the POST timed out.
        let fixture = try DeliveryFixture(singleThreadedReceiver: true)
        defer { fixture.remove() }
        let events = try await fixture.commitCables(["Paris", "Rome", "Oslo", "Lima", "Kyiv", "Bern", "Doha", "Riga"])
        let deliverer = fixture.deliverer(
            [fixture.endpoint("ops", path: "/ops")],
            timeouts: DeliveryTimeouts(connect: .seconds(2), total: .seconds(3)))
        let report = await deliverer.deliverDue(now: fixture.clock.now)
        #expect(report.delivered == 8, "\(report)")
        #expect(report.attempts == 8)
        let requests = try fixture.receiver.requests()
        #expect(requests.unverified.isEmpty)
        #expect(requests.map(\.webhookID) == events.map(\.id))
        #expect(try await fixture.nothingPending())
    }

    @Test func aSlowReceiverDoesNotHoldBackAReceiverAtAnotherOrigin() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        let other = try WebhookReceiver(secret: DeliveryFixture.secret.encoded)
        try await fixture.commitCables(["Paris", "Rome", "Oslo"])
        // The first POST to the slow receiver is answered 5 s after it arrives.
        let slow = fixture.endpoint("slow", path: "/slow", query: "sleep=5&sleepAt=1")
        let quick = WebhookEndpoint(
            name: "quick", url: other.url("/quick"), signer: WebhookSigner(secret: DeliveryFixture.secret),
            filter: WebhookFilter(), formatter: WebhookPayloadFormatter(format: .standard), batch: .none)
        let report = await fixture.deliverer(
            [slow, quick], timeouts: DeliveryTimeouts(connect: .seconds(2), total: .seconds(10))
        )
        .deliverDue(now: fixture.clock.now)
        #expect(report.delivered == 6, "\(report)")
        let held = try #require(try fixture.receiver.requests().first)
        let quickRequests = try other.requests()
        #expect(quickRequests.map(\.status) == [200, 200, 200])
        // Every POST to the other origin arrived while the slow receiver still held its first answer.
        #expect(
            quickRequests.allSatisfy { $0.received < held.received + 4 },
            "\(quickRequests.map { $0.received - held.received })")
    }

    @Test func receiverOutageIsRiddenOutWithTheSameIdAndAFreshSignature() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        let events = try await fixture.commitCables(["Paris", "Rome", "Oslo"])
        let deliverer = fixture.deliverer([fixture.endpoint("ops", path: "/down", query: "fail503=3")])
        try await fixture.deliverRounds(deliverer) { try await fixture.nothingPending() }
        let requests = try fixture.receiver.requests()
        #expect(requests.unverified.isEmpty)
        #expect(requests.map(\.status) == [503, 503, 503, 200, 200, 200])
        let first = requests.filter { $0.webhookID == events[0].id }
        #expect(first.count == 4)
        #expect(Set(first.map(\.webhookTimestamp)).count == 4)
        #expect(Set(first.map(\.signature)).count == 4)
        #expect(first.map(\.body) == Array(repeating: events[0].json, count: 4))
        #expect(requests.filter { $0.status == 200 }.map(\.webhookID) == events.map(\.id))
        let log = try await fixture.store.deliveryAttempts(endpoint: "ops", seq: 1)
        #expect(log.map(\.status) == [503, 503, 503, 200])
    }

    @Test func goneDisablesTheEndpointAndTellsTheOthers() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        try await fixture.commitCables(["Paris", "Rome"])
        let gone = fixture.endpoint("gone", path: "/gone", query: "status=410")
        let ops = fixture.endpoint("ops", path: "/ops")
        let deliverer = fixture.deliverer([gone, ops])
        let report = await deliverer.deliverDue(now: fixture.clock.now)
        #expect(report.disabledEndpoints == ["gone"])
        #expect(try await fixture.store.endpointDeliveryState("gone").isDisabled)
        let operational = try await fixture.store.events(afterSeq: 2)
        #expect(operational.map(\.type) == ["webhook.disabled"])
        fixture.clock.advance(by: 10)
        _ = await deliverer.deliverDue(now: fixture.clock.now)
        #expect(try fixture.receiver.requests(to: "/gone").count == 1)
        let toOps = try fixture.receiver.requests(to: "/ops")
        #expect(toOps.map(\.seq) == [1, 2, 3])
        #expect(toOps.last?.json["type"] as? String == "webhook.disabled")
    }

    @Test func redirectIsAFailureAndExhaustionEmitsDeliveryFailed() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        let events = try await fixture.commitCables(["Paris"])
        let deliverer = fixture.deliverer([fixture.endpoint("moved", path: "/moved", query: "status=301")])
        try await fixture.deliverRounds(deliverer) { try await fixture.nothingPending() }
        let requests = try fixture.receiver.requests(to: "/moved")
        #expect(requests.count == 4)
        #expect(requests.map(\.webhookID) == Array(repeating: events[0].id, count: 4))
        #expect(requests.unverified.isEmpty)
        let failed = try await fixture.store.deliveries(failedOnly: true)
        #expect(failed.map(\.seq) == [1])
        #expect(failed.first?.lastStatus == 301)
        let operational = try await fixture.store.events(afterSeq: 1)
        #expect(operational.map(\.type) == ["delivery.failed"])
        #expect(operational.first?.json.contains(#""eventId":"\#(events[0].id)""#) == true)
        // The failed endpoint is not sent news of its own failure.
        #expect(try await fixture.store.deliveryCounts().pending == 0)
    }

    @Test func slowReceiverTimesOutAndIsRetried() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        let events = try await fixture.commitCables(["Paris"])
        let deliverer = fixture.deliverer(
            [fixture.endpoint("slow", path: "/slow", query: "sleep=3&sleepAt=1")],
            timeouts: DeliveryTimeouts(connect: .milliseconds(500), total: .milliseconds(400)))
        let first = await deliverer.deliverDue(now: fixture.clock.now)
        #expect(first.retried == 1)
        #expect(try await fixture.store.deliveries().first?.lastError == "timed out")
        fixture.clock.advance(by: 2)
        let second = await deliverer.deliverDue(now: fixture.clock.now)
        #expect(second.delivered == 1)
        #expect(try fixture.receiver.requests(to: "/slow").map(\.webhookID) == [events[0].id, events[0].id])
        #expect(DeliveryTimeouts.standard == DeliveryTimeouts(connect: .seconds(5), total: .seconds(15)))
    }

    @Test func retryAfterOnRateLimitIsHonoured() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        try await fixture.commitCables(["Paris"])
        let deliverer = fixture.deliverer([
            fixture.endpoint("limited", path: "/limited", query: "status429=1&retryAfter=30")
        ])
        let started = fixture.clock.now
        _ = await deliverer.deliverDue(now: started)
        let next = try #require(try await fixture.store.nextDeliveryAttempt(endpoint: "limited"))
        #expect(abs(next.timeIntervalSince(started) - 30) < 1)
        fixture.clock.advance(by: 2)  // the schedule alone would retry now
        _ = await deliverer.deliverDue(now: fixture.clock.now)
        #expect(try fixture.receiver.requests(to: "/limited").count == 1)
        fixture.clock.advance(by: 29)
        _ = await deliverer.deliverDue(now: fixture.clock.now)
        #expect(try fixture.receiver.requests(to: "/limited").map(\.status) == [429, 200])
    }

    @Test func filtersRouteOnlyMatchingEvents() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        try await fixture.commitCables(["Paris", "Rome", "Paris"])
        try await fixture.commitCables(["Paris"], type: .cableRemoved)
        let paris = fixture.endpoint(
            "paris", path: "/paris",
            filter: WebhookFilter(eventTypes: [try EventTypeGlob(parsing: "cable.added")], origins: ["paris"]))
        let report = await fixture.deliverer([paris]).deliverDue(now: fixture.clock.now)
        #expect(report.skipped == 2)
        #expect(report.delivered == 2)
        #expect(try fixture.receiver.requests(to: "/paris").map(\.seq) == [1, 3])
        #expect(try await fixture.store.endpointDeliveryState("paris").cursorSeq == 4)
    }

    @Test func slackFormatSendsAVerifiedTextObject() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        try await fixture.commitCables(["Paris"])
        _ = await fixture.deliverer([fixture.endpoint("chat", path: "/chat", format: .slack)]).deliverDue(
            now: fixture.clock.now)
        let request = try #require(try fixture.receiver.requests(to: "/chat").first)
        #expect(request.verified)
        #expect(request.json.keys.sorted() == ["text"])
        let text = try #require(request.json["text"] as? String)
        #expect(text.hasPrefix("[cablewatch] New cable 09TEST0"))
        #expect(text.contains("Paris"))
    }

    @Test func eachEndpointReceivesItsEventsInSeqOrderWhileAnotherStalls() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        try await fixture.commitCables((0..<12).map { "Origin\($0)" })
        let deliverer = fixture.deliverer([
            fixture.endpoint("steady", path: "/steady"), fixture.endpoint("flaky", path: "/flaky", query: "fail503=2"),
        ])
        let first = await deliverer.deliverDue(now: fixture.clock.now)
        #expect(first.delivered == 12)
        #expect(try fixture.receiver.requests(to: "/flaky").count == 1)
        try await fixture.deliverRounds(deliverer) { try await fixture.nothingPending() }
        for path in ["/steady", "/flaky"] {
            let accepted = try fixture.receiver.requests(to: path).filter { $0.status == 200 }.map(\.seq)
            #expect(accepted == Array(1...12), "\(path)")
        }
    }

    @Test func releaseBatchSendsOneSummaryForThePollsCableEvents() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        try await fixture.commitCables(["Paris"], type: .releaseProgress)
        try await fixture.commitCables(["Paris", "Rome", "Oslo", "Lima"])
        let report = await fixture.deliverer([fixture.endpoint("digest", path: "/digest", batch: .release)])
            .deliverDue(now: fixture.clock.now)
        #expect(report.delivered == 5)
        let requests = try fixture.receiver.requests(to: "/digest")
        #expect(requests.map { $0.json["type"] as? String } == ["release.progress", "release.summary"])
        #expect(requests.unverified.isEmpty)
        let data = try #require(requests.last?.json["data"] as? [String: Any])
        #expect(data["count"] as? Int == 4)
        #expect((data["events"] as? [Any])?.count == 4)
        let states = try await fixture.store.deliveries().map(\.state)
        #expect(states == Array(repeating: "delivered", count: 5))
    }

    @Test func aCrashMidwayLosesNothingAndRepeatsAtMostTheInFlightEvent() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        let events = try await fixture.commitCables((0..<10).map { "Origin\($0)" })
        let endpoint = fixture.endpoint("ops", path: "/ops", query: "sleep=2&sleepAt=4")
        let doomed = fixture.deliverer([endpoint])
        let clock = fixture.clock
        let round = Task { await doomed.deliverDue(now: clock.now) }
        for _ in 0..<200 where try fixture.receiver.requests().count < 4 {
            try await Task.sleep(for: .milliseconds(10))
        }
        round.cancel()  // the daemon dies while event 4 is in flight
        _ = await round.value
        #expect(try fixture.receiver.requests().count == 4)

        let reopened = try ArchiveStore(path: fixture.store.path)
        _ = await fixture.deliverer([endpoint], store: reopened).deliverDue(now: fixture.clock.now)
        let requests = try fixture.receiver.requests()
        #expect(Set(requests.map(\.webhookID)) == Set(events.map(\.id)))
        #expect(requests.count <= 11)
        #expect(requests.unverified.isEmpty)
        let seqs = requests.map(\.seq)
        #expect(seqs == seqs.sorted())
        #expect(try await reopened.deliveryCounts().pending == 0)
    }
}
