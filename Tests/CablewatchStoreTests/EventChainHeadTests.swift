import CablewatchCore
import Foundation
import GRDB
import Testing

@testable import CablewatchStore

/// Commits `count` release.progress events in one step.
private func commitProgress(_ store: ArchiveStore, count: Int) async throws {
    var changes = ArchiveChanges()
    changes.events = (0..<count).map {
        PendingEvent(
            .releaseProgress, ReleaseProgressData(released: $0 + 1, total: 9, previousReleased: $0, previousTotal: 9))
    }
    try await store.commit(changes, at: Date(timeIntervalSince1970: 1_700_000_000), source: "s")
}

/// Runs SQL on the archive through a connection of its own, as someone editing the file would.
private func tamper(_ store: ArchiveStore, _ sql: String) throws {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = false
    try DatabaseQueue(path: store.path, configuration: configuration).write { db in try db.execute(sql: sql) }
}

@Test func verifyFindsEventsDeletedFromTheEndOfTheChain() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    try await commitProgress(archive.store, count: 6)
    try await commitProgress(archive.store, count: 4)
    #expect(try await archive.store.verify(hash: sha256).problems == [])

    try tamper(archive.store, "DELETE FROM event WHERE seq > 7")
    let report = try await archive.store.verify(hash: sha256)
    #expect(
        report.problems == [
            "event chain: ends at event 7, but the archive recorded event 10 as its last: events 8…10 are missing"
        ])
    #expect(!report.isClean)

    try tamper(archive.store, "DELETE FROM event")
    #expect(
        try await archive.store.verify(hash: sha256).problems == [
            "event chain: the archive recorded event 10 as its last, but holds no events"
        ])
}

@Test func theChainHeadIsRecordedForArchivesFromBeforeIt() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    try await commitProgress(archive.store, count: 3)
    // An archive from before the head was recorded: no head, and its migration not yet run.
    try tamper(
        archive.store,
        """
        DELETE FROM syncState WHERE key = 'eventChain.head';
        DELETE FROM grdb_migrations WHERE identifier = 'v6-event-chain-head';
        """)
    #expect(
        try await archive.store.verify(hash: sha256).problems == [
            "event chain: ends at event 3, but no head was recorded"
        ])
    let migrated = try ArchiveStore(path: archive.store.path)
    #expect(try await migrated.verify(hash: sha256).problems == [])
    let last = try await migrated.events(afterSeq: 2).first
    let hash = try await DatabaseQueue(path: archive.store.path).read { db in
        try String.fetchOne(db, sql: "SELECT hash FROM event WHERE seq = 3")
    }
    #expect(last?.seq == 3)
    #expect(try await migrated.syncValues()["eventChain.head"] == "3 \(try #require(hash))")
}

@Test func aChainThatGoesPastItsHeadOrEndsOnAnotherEventIsReported() {
    let head = EventChainHead(seq: 5, hash: String(repeating: "a", count: 64))
    #expect(ArchiveStore.chainEndProblems(last: head, recorded: head) == [])
    #expect(ArchiveStore.chainEndProblems(last: nil, recorded: nil) == [])
    #expect(
        ArchiveStore.chainEndProblems(last: EventChainHead(seq: 6, hash: head.hash), recorded: head) == [
            "event chain: goes on to event 6 past its recorded head, event 5"
        ])
    #expect(
        ArchiveStore.chainEndProblems(
            last: EventChainHead(seq: 5, hash: String(repeating: "b", count: 64)), recorded: head) == [
                "event 5: hash does not match the recorded chain head"
            ])
    #expect(EventChainHead(stored: head.stored) == head)
    #expect(EventChainHead(stored: "5") == nil)
}
