import CablewatchCore
import CablewatchStore
import Foundation
import Synchronization
import Testing

/// One archive-semantics suite, run against SQLite and a real PostgreSQL server: what the sync engine, webhook
/// delivery and the read commands rely on must hold for both. Serialized: each PostgreSQL case starts a server of
/// its own, and starting several at once would load the machine for every other test.
@Suite(.serialized) struct ArchiveSemanticsTests {
    @Test(.enabled(if: PostgresTestServer.isInstalled, "the PostgreSQL server (Debian's postgresql) is not installed"))
    func postgresqlServerIsInstalled() {
        #expect(ArchiveBackend.available.contains(.postgresql))
    }

    @Test(arguments: ArchiveBackend.available)
    func cablesRevisionsAndChainedEventsReadBackAsWritten(_ backend: ArchiveBackend) async throws {
        try await backend.withArchive { store in
            let first = ArchiveFixture.cable("06SEOUL1789", body: "1. (C) Hello NATO.")
            let committed = try await store.commit(
                ArchiveFixture.write(first, .insert), at: Date(timeIntervalSince1970: 1_300_000_000), source: "s")
            #expect(committed.map(\.seq) == [1])
            let other = ArchiveFixture.cable("06SEOUL1790", body: "1. (C) Rice.", released: "2011-05-01 00:00")
            try await store.commit(ArchiveFixture.write(other, .insert), at: Date(), source: "s")
            let second = ArchiveFixture.cable("06SEOUL1789", body: "1. (C) Hello again, NATO.")
            let more = try await store.commit(
                ArchiveFixture.write(second, .newRevision(number: 2)), at: Date(), source: "s")
            #expect(more.map(\.seq) == [3])
            try await store.commit(ArchiveFixture.write(second, .touch), at: Date(), source: "s")

            let states = try await store.cableStates(["06SEOUL1789", "06SEOUL1790", "NOPE"])
            #expect(states.count == 2)
            #expect(states["06SEOUL1789"]?.revision == 2)
            #expect(states["06SEOUL1789"]?.contentSHA256 == second.hashes.contentSHA256)
            #expect(states["06SEOUL1789"]?.whitespaceSHA256 == second.hashes.whitespaceInsensitiveSHA256)
            #expect(try await store.activeReferenceIds() == ["06SEOUL1789", "06SEOUL1790"])
            #expect(try await store.activeCableCount() == 2)
            #expect(try await store.history(referenceId: "06SEOUL1789").map(\.number) == [1, 2])
            let current = try #require(try await store.detail(referenceId: "06SEOUL1789", revision: nil))
            #expect(current.revision == 2 && current.currentRevision == 2 && current.body == second.body)
            #expect(current.tags == ["PREL", "KS"])
            #expect(try await store.detail(referenceId: "06SEOUL1789", revision: 1)?.body == first.body)
            #expect(try await store.detail(referenceId: "06SEOUL1789", revision: 3) == nil)
            #expect(
                try await store.currentCanonicalText(referenceId: "06SEOUL1789") == second.header + "\n\n"
                    + second.body)
            let listed = try await store.list(ArchiveStore.ListFilter(tag: "ks"))
            #expect(listed.map(\.referenceId) == ["06SEOUL1790", "06SEOUL1789"], "newest release first")
            #expect(try await store.list(ArchiveStore.ListFilter(tag: "PRE")).isEmpty, "tags match whole")

            var removal = ArchiveChanges()
            removal.removals = ["06SEOUL1790"]
            try await store.commit(removal, at: Date(), source: "s")
            #expect(try await store.activeReferenceIds() == ["06SEOUL1789"])
            #expect(try await store.list(ArchiveStore.ListFilter(includeRemoved: true)).count == 2)
            var exported: [String] = []
            let collected = ExportCollector()
            try await store.exportCables(includeRemoved: true, batch: 1) { collected.add($0.map(\.referenceId)) }
            exported = collected.ids
            #expect(exported == ["06SEOUL1789", "06SEOUL1790"])

            let events = try await store.events(afterSeq: 0, limit: 100)
            #expect(events.map(\.seq) == [1, 2, 3, 4])
            #expect(Set(events.map(\.id)).count == 4)
            #expect(try await store.lastEventSeq() == 4)
            #expect(try await store.events(afterSeq: 2, limit: 1).map(\.seq) == [3])
            let report = try await store.verify(hash: ArchiveFixture.sha256)
            #expect(report.isClean, "\(report.problems)")
            #expect(report.revisionsChecked == 3 && report.eventsChecked == 4)
            let status = try await store.status()
            #expect(status.archive.cables == 1 && status.archive.removed == 1 && status.archive.revisions == 3)
            #expect(status.events.lastSeq == 4)
        }
    }

    @Test(arguments: ArchiveBackend.available)
    func aFailingStepCommitsNeitherItsStateNorItsEvents(_ backend: ArchiveBackend) async throws {
        try await backend.withArchive { store in
            let kept = ArchiveFixture.cable("06SEOUL1789", body: "kept")
            try await store.commit(ArchiveFixture.write(kept, .insert), at: Date(), source: "s")
            // A valid insert, state and events, then a touch of a cable the archive does not hold: the invariant
            // aborts the step, and none of it may remain.
            var changes = ArchiveFixture.write(ArchiveFixture.cable("06SEOUL1790", body: "new"), .insert)
            changes.cables.append(
                CableWrite(
                    kind: .touch, page: ArchiveFixture.cable("NOPE", body: "x"), url: "u", listedReleased: nil,
                    readded: false))
            changes.syncState = ["k": "v"]
            changes.counter = ReleaseCounter(released: 5, total: 9)
            await #expect(throws: StoreError.self) {
                try await store.commit(changes, at: Date(), source: "s")
            }
            #expect(try await store.lastEventSeq() == 1)
            #expect(try await store.activeReferenceIds() == ["06SEOUL1789"])
            #expect(try await store.syncValues()["k"] == nil)
            #expect(try await store.latestCounter() == nil)
            #expect(try await store.verify(hash: ArchiveFixture.sha256).isClean)
            // The store goes on working after the failed step.
            let after = try await store.commit(
                ArchiveFixture.write(ArchiveFixture.cable("06SEOUL1791", body: "after"), .insert), at: Date(),
                source: "s")
            #expect(after.map(\.seq) == [2])
        }
    }

    @Test(arguments: ArchiveBackend.available)
    func checkpointsPollRunsAndTheFetchCacheRoundTrip(_ backend: ArchiveBackend) async throws {
        try await backend.withArchive { store in
            var changes = ArchiveChanges()
            changes.counter = ReleaseCounter(released: 3, total: 10)
            changes.days = [ReleaseDayState(key: "2011-04-28", lastPage: 2, rows: 40, complete: true)]
            changes.fetchCache = [
                FetchCacheEntry(url: "http://x/index.html", etag: "\"e1\"", lastModified: nil, bodySHA256: "abc")
            ]
            changes.syncState = ["baselineDone": "1"]
            changes.quarantine = [
                QuarantinedPage(
                    url: "http://x/cable/A.html", kind: .cable, referenceId: "A", problem: .unfetchable,
                    reason: "HTTP 500", firstSeenAt: "2011-04-28T00:00:00.000Z",
                    lastSeenAt: "2011-04-28T00:00:00.000Z", attempts: 1, nextAttemptAt: "2011-04-28T01:00:00.000Z")
            ]
            try await store.commit(changes, at: Date(), source: "s")
            var again = ArchiveChanges()
            again.days = [ReleaseDayState(key: "2011-04-28", lastPage: 3, rows: 55, complete: false)]
            again.fetchCache = [
                FetchCacheEntry(url: "http://x/index.html", etag: "\"e2\"", lastModified: "Thu", bodySHA256: "def")
            ]
            var requarantined = changes.quarantine[0]
            requarantined.firstSeenAt = "2011-04-29T00:00:00.000Z"
            requarantined.attempts = 2
            again.quarantine = [requarantined]
            try await store.commit(again, at: Date(), source: "s")
            #expect(try await store.latestCounter() == ReleaseCounter(released: 3, total: 10))
            #expect(
                try await store.releaseDayStates()["2011-04-28"]
                    == ReleaseDayState(key: "2011-04-28", lastPage: 3, rows: 55, complete: false))
            #expect(
                try await store.fetchCacheEntry(url: "http://x/index.html")
                    == FetchCacheEntry(
                        url: "http://x/index.html", etag: "\"e2\"", lastModified: "Thu", bodySHA256: "def"))
            #expect(try await store.fetchCacheEntry(url: "http://x/other") == nil)
            #expect(try await store.syncValues()["baselineDone"] == "1")
            let quarantined = try await store.quarantinedPages()
            #expect(quarantined.count == 1)
            #expect(quarantined.first?.attempts == 2)
            #expect(quarantined.first?.firstSeenAt == "2011-04-28T00:00:00.000Z", "keeps its first sighting")
            var healed = ArchiveChanges()
            healed.healed = ["http://x/cable/A.html"]
            try await store.commit(healed, at: Date(), source: "s")
            #expect(try await store.quarantinedPages().isEmpty)
            try await store.setSyncValue("7", forKey: "eventLog.lastSeq")
            #expect(try await store.syncValues()["eventLog.lastSeq"] == "7")

            let failed = try await store.beginPoll(at: Date(timeIntervalSince1970: 1_000))
            try await store.finishPoll(
                id: failed, at: Date(timeIntervalSince1970: 1_001), outcome: "failed", error: "boom", requests: 1,
                cablesFetched: 0, events: 0)
            let running = try await store.beginPoll(at: Date(timeIntervalSince1970: 2_000))
            #expect(running > failed)
            var status = try await store.status()
            #expect(status.lastPoll?.outcome == "running")
            #expect(status.health.consecutiveFailures == 1 && status.health.lastSuccessAt == nil)
            try await store.finishPoll(
                id: running, at: Date(timeIntervalSince1970: 2_001), outcome: "ok", error: nil, requests: 3,
                cablesFetched: 2, events: 1)
            status = try await store.status()
            #expect(status.lastPoll?.outcome == "ok" && status.lastPoll?.requests == 3)
            #expect(status.health.consecutiveFailures == 0)
            #expect(status.health.lastSuccessAt == Timestamp.string(from: Date(timeIntervalSince1970: 2_001)))
            #expect(status.source.released == 3 && status.source.total == 10)
        }
    }

    @Test(arguments: ArchiveBackend.available)
    func theDeliveryOutboxKeepsOrderRetriesAndRequeues(_ backend: ArchiveBackend) async throws {
        try await backend.withArchive { store in
            var changes = ArchiveChanges()
            changes.events = (1...3).map { PendingEvent(type: .releaseProgress, dataJSON: #"{"n":\#($0)}"#) }
            try await store.commit(changes, at: Date(), source: "s")
            let now = Date(timeIntervalSince1970: 1_300_000_000)
            #expect(try await store.endpointDeliveryState("ops").cursorSeq == 0)
            #expect(try await store.enqueueDeliveries(endpoint: "ops", seqs: [1, 3], through: 3, at: now) == 2)
            #expect(try await store.enqueueDeliveries(endpoint: "ops", seqs: [1, 3], through: 3, at: now) == 0)
            #expect(try await store.endpointDeliveryState("ops").cursorSeq == 3)
            let due = try await store.dueDeliveries(endpoint: "ops", now: now, limit: 5)
            #expect(due.map(\.seq) == [1, 3])
            #expect(due.first?.attempts == 0 && due.first?.enqueuePass == 1)
            #expect(due.first?.json.contains(#""n":1"#) == true)

            let later = now.addingTimeInterval(60)
            try await store.recordDeliveryAttempt(
                endpoint: "ops", seqs: [1],
                attempt: DeliveryAttemptRecord(
                    attemptedAt: now, status: 500, latency: .milliseconds(12), error: "HTTP 500",
                    response: Array("oops".utf8)),
                resolution: .retry(at: later), source: "s")
            #expect(try await store.dueDeliveries(endpoint: "ops", now: now, limit: 5).isEmpty, "the head waits")
            #expect(try await store.nextDeliveryAttempt(endpoint: "ops") == later)
            #expect(try await store.dueDeliveries(endpoint: "ops", now: later, limit: 1).map(\.attempts) == [1])
            try await store.recordDeliveryAttempt(
                endpoint: "ops", seqs: [1],
                attempt: DeliveryAttemptRecord(
                    attemptedAt: later, status: 200, latency: .milliseconds(3), error: nil),
                resolution: .delivered, source: "s")
            let failedEvent = PendingEvent(type: .deliveryFailed, dataJSON: #"{"endpoint":"ops","seq":3}"#)
            let operational = try await store.recordDeliveryAttempt(
                endpoint: "ops", seqs: [3],
                attempt: DeliveryAttemptRecord(
                    attemptedAt: later, status: nil, latency: .seconds(5), error: "timeout"),
                resolution: .failed, events: [failedEvent], source: "s")
            #expect(operational.map(\.seq) == [4], "the failure's event commits with it")
            let attempts = try await store.deliveryAttempts(endpoint: "ops", seq: 1)
            #expect(attempts.map(\.status) == [500, 200])
            #expect(attempts.first?.response == "oops" && attempts.first?.latencyMs == 12)
            var counts = try await store.deliveryCounts()
            #expect(counts.pending == 0 && counts.failed == 1)
            let failedOnly = try await store.deliveries(failedOnly: true, endpoint: nil, limit: 10)
            #expect(failedOnly.map(\.seq) == [3] && failedOnly.first?.lastError == "timeout")
            #expect(try await store.deliveries(failedOnly: false, endpoint: "ops", limit: 10).map(\.seq) == [3, 1])

            try await store.enqueueDeliveries(endpoint: "hook", seqs: [1], through: 4, at: now)
            try await store.recordDeliveryAttempt(
                endpoint: "hook", seqs: [1],
                attempt: DeliveryAttemptRecord(
                    attemptedAt: now, status: 410, latency: .milliseconds(1), error: "HTTP 410"),
                resolution: .disableEndpoint(reason: "410 Gone"), source: "s")
            #expect(try await store.endpointDeliveryState("hook").isDisabled)
            #expect(try await store.deliveryCounts().disabledEndpoints == ["hook"])

            let eventId = try #require(try await store.events(afterSeq: 0, limit: 1).first?.id)
            #expect(try await store.requeueDeliveries(eventId: eventId, endpoint: nil, at: later) == 2)
            #expect(try await store.endpointDeliveryState("hook").isDisabled == false)
            await #expect(throws: StoreError.self) {
                try await store.requeueDeliveries(eventId: "evt_nope", endpoint: nil, at: later)
            }
            #expect(try await store.requeueFailedDeliveries(since: nil, endpoint: "ops", at: later) == 1)
            counts = try await store.deliveryCounts()
            #expect(counts.pending == 3 && counts.failed == 0)
            let snapshot = try await store.daemonSnapshot()
            #expect(snapshot.pendingDeliveries == 3)
            #expect(snapshot.eventsByType["release.progress"] == 3 && snapshot.eventsByType["delivery.failed"] == 1)
            #expect(try await store.verify(hash: ArchiveFixture.sha256).isClean)
        }
    }

    @Test(arguments: ArchiveBackend.available)
    func searchFindsTheCurrentRevisionOnly(_ backend: ArchiveBackend) async throws {
        try await backend.withArchive { store in
            try await store.commit(
                ArchiveFixture.write(
                    ArchiveFixture.cable("06SEOUL1789", body: "1. (C) The ambassador met NATO."), .insert),
                at: Date(), source: "s")
            try await store.commit(
                ArchiveFixture.write(
                    ArchiveFixture.cable("06SEOUL1790", body: "1. (C) Unrelated rice harvest."), .insert),
                at: Date(), source: "s")
            try await store.catchUpSearchIndex()
            #expect(try await store.search("NATO", limit: 10).map(\.referenceId) == ["06SEOUL1789"])
            #expect(try await store.search("harvest", limit: 10).first?.snippet.contains("[harvest]") == true)
            let changed = ArchiveFixture.cable("06SEOUL1789", body: "1. (C) The envoy met the minister.")
            try await store.commit(
                ArchiveFixture.write(changed, .newRevision(number: 2)), at: Date(), source: "s")
            try await store.catchUpSearchIndex()
            #expect(try await store.search("NATO", limit: 10).isEmpty, "the old text is no longer found")
            #expect(try await store.search("minister", limit: 10).map(\.referenceId) == ["06SEOUL1789"])
            #expect(try await store.search("subject", limit: 10).count == 2, "the subject is searched too")
        }
    }

    /// Both backends read words as FTS5's `unicode61` does: letters and digits, lowercased, without diacritics, so
    /// "DS/DSS" holds "dss" and "CAFÉ" is "cafe" (PostgreSQL's own parser reads "ds/dss" as one path).
    @Test(arguments: ArchiveBackend.available)
    func searchReadsWordsTheSameWayOnBothBackends(_ backend: ArchiveBackend) async throws {
        try await backend.withArchive { store in
            try await store.commit(
                ArchiveFixture.write(
                    ArchiveFixture.cable("06SEOUL1789", body: "1. (C) DS/DSS met the CAFÉ owner on 07/27/2004."),
                    .insert), at: Date(), source: "s")
            try await store.catchUpSearchIndex()
            for query in ["dss", "DS", "cafe", "café", "2004", "\"dss met\"", "owner"] {
                #expect(try await store.search(query, limit: 10).map(\.referenceId) == ["06SEOUL1789"], "\(query)")
            }
            for query in ["\"met dss\"", "caf", "nato"] {
                #expect(try await store.search(query, limit: 10).isEmpty, "\(query)")
            }
        }
    }

    /// A backfill commits hundreds of new cables per step, which PostgreSQL inserts as multi-row statements of at
    /// most 1,000 rows: other writes between them still apply in the batch's order.
    @Test(arguments: ArchiveBackend.available)
    func aLargeStepWritesItsCablesInTheBatchesOrder(_ backend: ArchiveBackend) async throws {
        try await backend.withArchive { store in
            func write(_ page: CablePage, _ kind: CableWrite.Kind) -> CableWrite {
                CableWrite(
                    kind: kind, page: page, url: "http://x/cable/\(page.referenceId).html", listedReleased: nil,
                    readded: false)
            }
            let first = ArchiveFixture.cable("06SEOUL1789", body: "1. (C) The ambassador met NATO.")
            let second = ArchiveFixture.cable("06SEOUL1789", body: "1. (C) The envoy met the minister.")
            var changes = ArchiveChanges()
            changes.cables = [
                write(first, .insert), write(ArchiveFixture.cable("06SEOUL1790", body: "rice"), .insert),
                write(second, .newRevision(number: 2)),
                write(ArchiveFixture.cable("06SEOUL1790", body: "rice"), .touch),
            ]
            // More than one statement's worth of new cables after them.
            let bulk = (0..<1_203).map { ArchiveFixture.cable(String(format: "07BULK%05d", $0), body: "bulk \($0)") }
            changes.cables += bulk.map { write($0, .insert) }
            try await store.commit(changes, at: Date(), source: "s")
            try await store.catchUpSearchIndex()

            #expect(try await store.activeCableCount() == 1_205)
            #expect(try await store.history(referenceId: "06SEOUL1789").map(\.number) == [1, 2])
            #expect(try await store.cableStates(["06SEOUL1789"])["06SEOUL1789"]?.revision == 2)
            #expect(try await store.detail(referenceId: "07BULK01202", revision: nil)?.body == "bulk 1202")
            #expect(try await store.search("minister", limit: 10).map(\.referenceId) == ["06SEOUL1789"])
            #expect(try await store.search("NATO", limit: 10).isEmpty)
            #expect(try await store.search("1202", limit: 10).map(\.referenceId) == ["07BULK01202"])
            let report = try await store.verify(hash: ArchiveFixture.sha256)
            #expect(report.isClean, "\(report.problems)")
            #expect(report.revisionsChecked == 1_206)
        }
    }

    @Test(arguments: ArchiveBackend.available)
    func aNULInACablesTextSurvivesTheRoundTrip(_ backend: ArchiveBackend) async throws {
        try await backend.withArchive { store in
            let page = ArchiveFixture.cable("06SEOUL1789", body: "before\u{0}after")
            try await store.commit(ArchiveFixture.write(page, .insert), at: Date(), source: "s")
            #expect(try await store.detail(referenceId: "06SEOUL1789", revision: nil)?.body == "before\u{0}after")
            #expect(try await store.verify(hash: ArchiveFixture.sha256).isClean)
        }
    }
}

/// Collects the reference IDs `exportCables` visits (its visitor is synchronous and `Sendable`).
final class ExportCollector: Sendable {
    private let collected = Mutex<[String]>([])
    func add(_ ids: [String]) { collected.withLock { $0 += ids } }
    var ids: [String] { collected.withLock { $0 } }
}
