import CablewatchCore
import Foundation
import GRDB
import Testing

@testable import CablewatchStore

/// The WAL index of an archive, read from its `-shm` file (https://sqlite.org/walformat.html, in native byte
/// order): the last valid frame of the WAL (`mxFrame`, byte 16 of the header) and how many of them a checkpoint has
/// copied into the database file (`nBackfill`, byte 96). Reading it checkpoints nothing.
private func walIndex(of path: String) throws -> (frames: UInt32, backfilled: UInt32) {
    let bytes = try Data(contentsOf: URL(filePath: path + "-shm"))
    func word(at offset: Int) -> UInt32 {
        bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }
    }
    return (word(at: 16), word(at: 96))
}

private func inlineCheckpointPages(_ store: ArchiveStore) async throws -> Int? {
    try await store.writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") }
}

private func batch(_ first: Int, count: Int) -> ArchiveChanges {
    var changes = ArchiveChanges()
    changes.cables = (first..<first + count).map { number in
        CableWrite(
            kind: .insert, page: makeCable("06SEOUL\(number)", body: "1. (C) Paragraph \(number) of the batch."),
            url: "http://x/cable/2006/05/06SEOUL\(number).html", listedReleased: "2011-04-28", readded: false)
    }
    return changes
}

@Test func backgroundCheckpointsCopyEachCommitIntoTheDatabaseFileAndRestoreTheWritersThreshold() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    let path = archive.store.path
    // Outside the scope a commit stays in the WAL: far below the writer's own 4,096-page threshold.
    try await archive.store.commit(batch(0, count: 20), at: Date(), source: "s", durable: false)
    let before = try walIndex(of: path)
    #expect(before.frames > 0)
    #expect(before.backfilled < before.frames)

    let (committed, failures) = await archive.store.withBackgroundCheckpoints { checkpointer -> Int in
        #expect(checkpointer.isActive)
        #expect((try? await inlineCheckpointPages(archive.store)) == ArchiveStore.backstopCheckpointPages)
        for round in 1...3 {
            guard
                (try? await archive.store.commit(batch(round * 100, count: 20), at: Date(), source: "s", durable: false))
                    != nil
            else { return round - 1 }
            checkpointer.request()
        }
        return 3
    }
    #expect(committed == 3)
    #expect(failures.isEmpty, "\(failures)")
    // The scope ends after the last requested checkpoint: every frame, the earlier commit's too, is in the file.
    let after = try walIndex(of: path)
    #expect(after.frames > 0)
    #expect(after.backfilled == after.frames)
    #expect(try await inlineCheckpointPages(archive.store) == ArchiveStore.autocheckpointPages)
    #expect(try await archive.store.activeCableCount() == 80)
}

@Test func aReadOnlyArchiveGetsAnInactiveCheckpointer() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    try await archive.store.commit(batch(0, count: 1), at: Date(), source: "s")
    let readOnly = try ArchiveStore(path: archive.store.path, mode: .readOnly)
    let (active, failures) = await readOnly.withBackgroundCheckpoints { checkpointer in
        checkpointer.request()
        return checkpointer.isActive
    }
    #expect(!active)
    // No connection by design, not by failure: nothing to report.
    #expect(failures.isEmpty, "\(failures)")
}

@Test func aFailedCheckpointIsCountedWithSQLitesReasonAndTheNextRequestTriesAgain() async throws {
    let archive = try TemporaryArchive()
    defer { archive.remove() }
    try await archive.store.commit(batch(0, count: 5), at: Date(), source: "s", durable: false)
    let before = try walIndex(of: archive.store.path)
    #expect(before.backfilled < before.frames)
    // A read-only connection cannot checkpoint: SQLite fails it with SQLITE_IOERR (the files are open read-only),
    // a real failure of the kind a full disk gives, without filling a disk.
    var configuration = Configuration()
    configuration.readonly = true
    let readOnly = try DatabaseQueue(path: archive.store.path, configuration: configuration)
    let checkpointer = WALCheckpointer(connection: readOnly)
    async let running: Void = checkpointer.run()
    checkpointer.request()
    // Wait for the first attempt, so that the second request is not folded into it.
    for _ in 0..<500 where checkpointer.failures.checkpoints == 0 { try await Task.sleep(for: .milliseconds(10)) }
    checkpointer.request()
    checkpointer.finish()
    await running
    let failures = checkpointer.failures
    #expect(failures.checkpoints == 2)
    #expect(failures.lastError == "SQLite error 10: disk I/O error", "\(failures)")
    #expect(!failures.isEmpty)
    // Nothing was copied, and the archive is intact.
    let after = try walIndex(of: archive.store.path)
    #expect(after.backfilled == before.backfilled)
    #expect(try await archive.store.activeCableCount() == 5)
}
