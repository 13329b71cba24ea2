import GRDB

extension ArchiveStore {
    /// WAL pages after which the writer checkpoints inline (SQLite's `wal_autocheckpoint`): 64 MiB at 16 KiB pages.
    /// A hot index page rewritten by many commits reaches the database file once per checkpoint, which cut a
    /// 20,000-cable backfill's disk writes by 11% against SQLite's 1,000 (with the FTS merge setting, 988 -> 720 MB).
    static let autocheckpointPages = 4096

    /// The writer's inline threshold while a `WALCheckpointer` runs: only a backstop, reached when the background
    /// checkpoints cannot catch up (a reader holding an old snapshot) or stop, so the WAL stays bounded (256 MiB).
    static let backstopCheckpointPages = 16384

    /// Runs `body` with a `WALCheckpointer` checkpointing on a connection of its own, the writer's inline checkpoint
    /// raised to a backstop meanwhile. `body` calls `request()` after its commits. When the second connection cannot
    /// be opened (or the archive is read-only), `body` gets an inactive checkpointer and the writer checkpoints as
    /// always.
    public func withBackgroundCheckpoints<T: Sendable>(_ body: (WALCheckpointer) async -> T) async -> T {
        let checkpointer = WALCheckpointer(connection: openCheckpointConnection())
        guard checkpointer.isActive, await setInlineCheckpoint(pages: Self.backstopCheckpointPages) else {
            return await body(WALCheckpointer(connection: nil))
        }
        async let checkpointing: Void = checkpointer.run()
        let result = await body(checkpointer)
        checkpointer.finish()
        await checkpointing
        _ = await setInlineCheckpoint(pages: Self.autocheckpointPages)
        return result
    }

    /// A second read-write connection for checkpoints, or nil (read-only archive, or it cannot be opened).
    private func openCheckpointConnection() -> DatabaseQueue? {
        guard writer is DatabasePool else { return nil }
        var configuration = Configuration()
        // A passive checkpoint never waits for a lock, and it must sync the WAL before copying it and the database
        // file after: the writer's durability, on this connection.
        configuration.busyMode = .immediateError
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        return try? DatabaseQueue(path: path, configuration: configuration)
    }

    /// Sets the writer's inline checkpoint threshold; false if that failed.
    private func setInlineCheckpoint(pages: Int) async -> Bool {
        do {
            try await writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(pages)")
            }
            return true
        } catch {
            return false
        }
    }
}
