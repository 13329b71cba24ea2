import CablewatchCore
import Foundation
import Testing

@testable import CablewatchStore

private let t0 = Date(timeIntervalSince1970: 1_700_000_000)

/// Commits `count` release.progress events and returns them.
private func commitEvents(_ store: ArchiveStore, count: Int, at date: Date = t0) async throws -> [EventEnvelope] {
    var changes = ArchiveChanges()
    changes.events = (0..<count).map {
        PendingEvent(
            .releaseProgress,
            ReleaseProgressData(released: $0 + 1, total: 100, previousReleased: $0, previousTotal: 100))
    }
    return try await store.commit(changes, at: date, source: "s")
}

private func attempt(_ date: Date, status: Int?, error: String? = nil) -> DeliveryAttemptRecord {
    DeliveryAttemptRecord(
        attemptedAt: date, status: status, latency: .milliseconds(12), error: error,
        response: Array(repeating: UInt8(ascii: "x"), count: 3000))
}

@Test func enqueueMovesTheCursorAndOnlyTheHeadOfTheQueueIsDue() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    let store = archive.store
    let events = try await commitEvents(store, count: 4)
    #expect(try await store.endpointDeliveryState("ops").cursorSeq == 0)
    let created = try await store.enqueueDeliveries(endpoint: "ops", seqs: [1, 3, 4], through: 4, at: t0)
    #expect(created == 3)
    #expect(try await store.endpointDeliveryState("ops").cursorSeq == 4)
    #expect(try await store.enqueueDeliveries(endpoint: "ops", seqs: [1, 3, 4], through: 4, at: t0) == 0)

    let due = try await store.dueDeliveries(endpoint: "ops", now: t0, limit: 10)
    #expect(due.map(\.seq) == [1, 3, 4])
    #expect(due[0].eventId == events[0].id)
    #expect(due[0].json == events[0].json)
    #expect(try await store.dueDeliveries(endpoint: "chat", now: t0).isEmpty)

    // A retry of the head blocks everything behind it until it is due.
    try await store.recordDeliveryAttempt(
        endpoint: "ops", seqs: [1], attempt: attempt(t0, status: 503, error: "HTTP 503"),
        resolution: .retry(at: t0 + 60), source: "s")
    #expect(try await store.dueDeliveries(endpoint: "ops", now: t0 + 59).isEmpty)
    #expect(try await store.nextDeliveryAttempt(endpoint: "ops") == t0 + 60)
    let retried = try await store.dueDeliveries(endpoint: "ops", now: t0 + 60)
    #expect(retried.map(\.seq) == [1])
    #expect(retried[0].attempts == 1)

    try await store.recordDeliveryAttempt(
        endpoint: "ops", seqs: [1], attempt: attempt(t0 + 60, status: 200), resolution: .delivered, source: "s")
    #expect(try await store.dueDeliveries(endpoint: "ops", now: t0 + 60).map(\.seq) == [3])
    let log = try await store.deliveryAttempts(endpoint: "ops", seq: 1)
    #expect(log.map(\.attempt) == [1, 2])
    #expect(log.map(\.status) == [503, 200])
    #expect(log[0].error == "HTTP 503")
    #expect(log[0].latencyMs == 12)
    #expect(log[0].response?.utf8.count == 1024)
}

@Test func failureCommitsItsOperationalEventInTheSameTransaction() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    let store = archive.store
    _ = try await commitEvents(store, count: 2)
    try await store.enqueueDeliveries(endpoint: "ops", seqs: [1, 2], through: 2, at: t0)
    let failed = PendingEvent(type: .deliveryFailed, dataJSON: #"{"endpoint":"ops","seq":1}"#)
    let committed = try await store.recordDeliveryAttempt(
        endpoint: "ops", seqs: [1], attempt: attempt(t0, status: 500, error: "HTTP 500"), resolution: .failed,
        events: [failed], source: "cablewatch")
    #expect(committed.map(\.seq) == [3])
    #expect(committed.first?.type == "delivery.failed")
    #expect(try await store.events(afterSeq: 2).map(\.type) == ["delivery.failed"])
    let records = try await store.deliveries(failedOnly: true)
    #expect(records.map(\.seq) == [1])
    #expect(records.first?.lastStatus == 500)
    #expect(records.first?.failedAt == Timestamp.string(from: t0))
    #expect(try await store.dueDeliveries(endpoint: "ops", now: t0).map(\.seq) == [2])

    // A pending row that is not there cannot be recorded against, and nothing is committed then.
    await #expect(throws: StoreError.self) {
        try await store.recordDeliveryAttempt(
            endpoint: "ops", seqs: [1], attempt: attempt(t0, status: 200), resolution: .delivered, events: [failed],
            source: "s")
    }
    #expect(try await store.events(afterSeq: 3).isEmpty)
}

@Test func goneDisablesTheEndpointUntilARedeliverReenablesIt() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    let store = archive.store
    let events = try await commitEvents(store, count: 1)
    try await store.enqueueDeliveries(endpoint: "ops", seqs: [1], through: 1, at: t0)
    try await store.recordDeliveryAttempt(
        endpoint: "ops", seqs: [1], attempt: attempt(t0, status: 410, error: "HTTP 410"),
        resolution: .disableEndpoint(reason: "HTTP 410 Gone"),
        events: [PendingEvent(type: .webhookDisabled, dataJSON: #"{"endpoint":"ops"}"#)], source: "s")
    let state = try await store.endpointDeliveryState("ops")
    #expect(state.isDisabled)
    #expect(state.disabledReason == "HTTP 410 Gone")
    #expect(try await store.deliveryCounts().disabledEndpoints == ["ops"])
    #expect(try await store.deliveryCounts().pending == 1)

    #expect(try await store.requeueDeliveries(eventId: events[0].id, at: t0 + 10) == 1)
    #expect(try await !store.endpointDeliveryState("ops").isDisabled)
    let due = try await store.dueDeliveries(endpoint: "ops", now: t0 + 10)
    #expect(due.first?.attempts == 0)
    await #expect(throws: StoreError.self) { try await store.requeueDeliveries(eventId: "evt_nope", at: t0) }
}

@Test func redeliverFailedSinceOnlyRequeuesLaterFailures() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    let store = archive.store
    _ = try await commitEvents(store, count: 3)
    try await store.enqueueDeliveries(endpoint: "ops", seqs: [1, 2, 3], through: 3, at: t0)
    for (seq, offset) in [(Int64(1), 0.0), (2, 3600.0)] {
        try await store.recordDeliveryAttempt(
            endpoint: "ops", seqs: [seq], attempt: attempt(t0 + offset, status: 500), resolution: .failed, source: "s")
    }
    try await store.recordDeliveryAttempt(
        endpoint: "ops", seqs: [3], attempt: attempt(t0 + 7200, status: 200), resolution: .delivered, source: "s")
    var counts = try await store.deliveryCounts()
    #expect(counts.failed == 2)
    #expect(counts.pending == 0)
    #expect(counts.oldestPendingSince == nil)

    #expect(try await store.requeueFailedDeliveries(since: t0 + 1800, at: t0 + 9000) == 1)
    counts = try await store.deliveryCounts()
    #expect(counts.failed == 1)
    #expect(counts.pending == 1)
    #expect(counts.oldestPendingSince == Timestamp.string(from: t0))
    #expect(try await store.dueDeliveries(endpoint: "ops", now: t0 + 9000).map(\.seq) == [2])
    #expect(try await store.requeueFailedDeliveries(at: t0 + 9000) == 1)
    #expect(try await store.status().deliveries.pending == 2)
}
