import CablewatchCore
import Foundation
import GRDB

/// The SQLite archive (one file, WAL): cables, revisions, counter history, the event outbox and sync checkpoints.
/// The daemon opens it read-write; the CLI opens it read-only and never blocks the daemon.
public final class ArchiveStore: Sendable {
    /// How to open the archive.
    public enum Mode: Sendable {
        case readWrite
        case readOnly
    }

    public let path: String
    let writer: any DatabaseWriter
    let reader: any DatabaseReader

    /// Opens (and, read-write, creates and migrates) the archive at `path`.
    public init(path: String, mode: Mode = .readWrite) throws(StoreError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(10)
            switch mode {
            case .readWrite:
                let directory = (path as NSString).deletingLastPathComponent
                if !directory.isEmpty {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                }
                Self.createFileIfMissing(atPath: path)
                configuration.prepareDatabase { db in
                    if db.configuration.readonly {
                        // Readers serve short status and planning queries: a small page cache each.
                        try db.execute(sql: "PRAGMA cache_size = -512")
                    } else {
                        // New archives use 16 KiB pages: a cable's text fits one page instead of an overflow chain,
                        // which makes inserting revisions cheaper. A no-op on an existing archive.
                        try db.execute(sql: "PRAGMA page_size = 16384")
                        // The one writer keeps the hot b-tree and index pages of a large archive in memory (16 MiB,
                        // a fixed bound whatever the corpus size).
                        try db.execute(sql: "PRAGMA cache_size = -16384")
                        // Checkpoint every `autocheckpointPages` WAL pages (ArchiveStore+Checkpoints.swift). The WAL
                        // file is truncated back to 64 MiB after a checkpoint, so it does not keep its peak size.
                        try db.execute(sql: "PRAGMA wal_autocheckpoint = \(ArchiveStore.autocheckpointPages)")
                        try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
                    }
                }
                // The daemon reads little and from one place at a time: two reader connections (each with its own
                // page cache) keep memory flat over long runs.
                configuration.maximumReaderCount = 2
                let pool = try DatabasePool(path: path, configuration: configuration)
                // Every commit reaches the disk before it returns (DESIGN.md §3). Set after opening: GRDB's WAL set-up
                // runs after `prepareDatabase` and lowers the writer to `synchronous = NORMAL`.
                try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
                try ArchiveSchema.migrator.migrate(pool)
                writer = pool
                reader = pool
            case .readOnly:
                guard FileManager.default.fileExists(atPath: path) else {
                    throw StoreError(
                        kind: .cannotOpen, operation: "open", path: path,
                        message: "no archive there (has `cablewatch poll` or `run` been started?)",
                        access: StorageAccessProblem.diagnose(archivePath: path, writing: false))
                }
                configuration.readonly = true
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                let pending = try queue.read { db in try ArchiveSchema.migrator.hasCompletedMigrations(db) }
                guard pending else {
                    throw StoreError(
                        kind: .cannotOpen, operation: "open", path: path,
                        message: "the archive's schema is older than this cablewatch; run the daemon once to migrate")
                }
                writer = queue
                reader = queue
            }
        } catch {
            if let error = error as? StoreError { throw error }
            throw StoreError(
                kind: .cannotOpen, operation: "open", path: path, message: "\(error)",
                access: StorageAccessProblem.diagnose(archivePath: path, writing: mode == .readWrite))
        }
    }

    /// Runs a read, mapping errors to `StoreError`.
    func read<T: Sendable>(_ operation: String, _ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T
    {
        do {
            return try await reader.read(body)
        } catch {
            throw StoreError.wrap(error, operation: operation, path: path)
        }
    }

    /// Runs a write transaction, mapping errors to `StoreError`.
    func write<T: Sendable>(_ operation: String, _ body: @Sendable (Database) throws -> T) async throws(StoreError)
        -> T
    {
        do {
            return try await writer.write(body)
        } catch {
            throw StoreError.wrap(error, operation: operation, path: path)
        }
    }
}
