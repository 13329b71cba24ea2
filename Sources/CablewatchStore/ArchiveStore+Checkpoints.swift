import GRDB

extension ArchiveStore {
    /// WAL pages after which the writer checkpoints inline (SQLite's `wal_autocheckpoint`): 64 MiB at 16 KiB pages.
    /// A hot index page rewritten by many commits reaches the database file once per checkpoint, so fewer
    /// checkpoints than SQLite's default of 1,000 pages write less to disk.
    static let autocheckpointPages = 4096

    /// The writer's inline threshold while a `WALCheckpointer` runs: only a backstop, reached when the background
    /// checkpoints cannot catch up (a reader holding an old snapshot) or stop, so the WAL stays bounded (256 MiB).
    static let backstopCheckpointPages = 16384

    /// Runs `body` with a `WALCheckpointer` checkpointing on a connection of its own, the writer's inline checkpoint
    /// raised to a backstop meanwhile. `body` calls `request()` after its commits. When the second connection cannot
    /// be opened (or the archive is read-only), `body` gets an inactive checkpointer and the writer checkpoints as
    /// always. Returns `body`'s result and what failed (`WALCheckpointer.Failures`), for the caller to log.
    public func withBackgroundCheckpoints<T: Sendable>(_ body: (WALCheckpointer) async -> T) async
        -> (T, WALCheckpointer.Failures)
    {
        guard writer is DatabasePool else {
            let inactive = WALCheckpointer(connection: nil)
            return (await body(inactive), inactive.failures)
        }
        let connection: DatabaseQueue
        do {
            connection = try await openCheckpointConnection()
        } catch {
            let inactive = WALCheckpointer(
                connection: nil, unavailable: "cannot open a checkpoint connection: \(error)")
            return (await body(inactive), inactive.failures)
        }
        let checkpointer = WALCheckpointer(connection: connection)
        async let checkpointing: Void = checkpointer.run()
        let result = await body(checkpointer)
        checkpointer.finish()
        await checkpointing
        do {
            try await closeCheckpointConnection(connection)
        } catch {
            checkpointer.recordScopeFailure("cannot restore the writer's checkpoint threshold: \(error)")
        }
        return (result, checkpointer.failures)
    }

    /// Opens a second read-write connection for checkpoints and raises the writer's inline threshold to the
    /// backstop, both on the writer's queue: the blocking open never runs on a thread of the concurrency pool. When
    /// either step fails, the writer keeps its threshold.
    private func openCheckpointConnection() async throws -> DatabaseQueue {
        let path = path
        return try await writer.writeWithoutTransaction { db in
            var configuration = Configuration()
            // A passive checkpoint never waits for a lock, and it must sync the WAL before copying it and the
            // database file after: the writer's durability, on this connection.
            configuration.busyMode = .immediateError
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            let connection = try DatabaseQueue(path: path, configuration: configuration)
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.backstopCheckpointPages)")
            return connection
        }
    }

    /// Restores the writer's inline threshold and closes the checkpoint connection, on the writer's queue.
    private func closeCheckpointConnection(_ connection: DatabaseQueue) async throws {
        try await writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.autocheckpointPages)")
            try connection.close()
        }
    }
}
