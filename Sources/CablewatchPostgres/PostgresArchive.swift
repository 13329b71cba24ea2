import CablewatchCore
import CablewatchStore
import Foundation
import Logging
import PostgresNIO

/// The archive in a PostgreSQL database (DESIGN.md §3): the same tables, events, outbox and answers as the SQLite
/// `ArchiveStore`, behind `ArchiveStoring`.
///
/// Writes go through one session and reads through another, each lent to one task at a time, so the delivery loop
/// reads while a poll commits. Every write is one transaction; reads run in a read-only repeatable-read
/// transaction, so a report's figures come from one snapshot. With a `fence`, every write first checks, in its own
/// transaction, that the fence's epoch is still the one in `leadership`.
public final class PostgresArchive: ArchiveStoring {
    /// Where the archive is, as messages name it (no password).
    public let location: String
    let writer: PostgresSession
    let reader: PostgresSession
    let logger: Logger
    /// The leader's token (`cablewatch run` and `poll`); nil for the commands that write without leading
    /// (`redeliver`, `webhook`), whose requeues the leader's delivery loop picks up.
    let fence: PostgresFence?

    private init(
        location: String, writer: PostgresSession, reader: PostgresSession, logger: Logger, fence: PostgresFence?
    ) {
        self.location = location
        self.writer = writer
        self.reader = reader
        self.logger = logger
        self.fence = fence
    }

    /// Connects to `server` and, read-write, migrates its schema; read-only, it refuses a database that is not
    /// fully migrated. Writes are fenced by `fence` when one is given.
    public static func open(
        _ server: PostgresServer, mode: ArchiveStore.Mode, fence: PostgresFence? = nil, logger: Logger
    ) async throws(StoreError) -> PostgresArchive {
        let configuration = server.connectionConfiguration
        let writer = PostgresSession(configuration: configuration, logger: logger)
        let reader =
            switch mode {
            case .readWrite: PostgresSession(configuration: configuration, logger: logger)
            case .readOnly: writer
            }
        let archive = PostgresArchive(
            location: server.location, writer: writer, reader: reader, logger: logger, fence: fence)
        do {
            switch mode {
            case .readWrite:
                try await writer.transaction("BEGIN", logger: logger) { connection in
                    try await PostgresArchiveSchema.migrate(connection, logger: logger)
                }
            case .readOnly:
                let applied = try await reader.transaction("BEGIN READ ONLY", logger: logger) { connection in
                    try await PostgresArchiveSchema.applied(connection, logger: logger)
                }
                if applied.isEmpty {
                    throw StoreError(
                        kind: .cannotOpen, operation: "open", path: server.location,
                        message: "no archive there (has `cablewatch poll` or `run` been started?)")
                }
                guard PostgresArchiveSchema.migrations.allSatisfy({ applied.contains($0.name) }) else {
                    throw StoreError(
                        kind: .cannotOpen, operation: "open", path: server.location,
                        message: "the archive's schema is older than this cablewatch; run the daemon once to migrate")
                }
            }
        } catch {
            await archive.close()
            if let error = error as? StoreError { throw error }
            let cause = StoreError.postgres(error, operation: "open", location: server.location)
            throw StoreError(kind: .cannotOpen, operation: "open", path: server.location, message: cause.message)
        }
        return archive
    }

    public func close() async {
        await writer.close()
        await reader.close()
    }

    /// Runs a read in one read-only snapshot, mapping errors to `StoreError`.
    func read<T>(_ operation: String, _ body: (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        do {
            return try await reader.transaction(
                "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger, body)
        } catch {
            throw StoreError.postgres(error, operation: operation, location: location)
        }
    }

    /// Runs a write transaction, mapping errors to `StoreError`. `relaxedDurability` commits without waiting for
    /// the WAL to reach the disk (`synchronous_commit = off`, for this transaction only): still atomic, and a
    /// crash of the server can only lose the latest such commits, as `synchronous = NORMAL` does for SQLite. A fenced
    /// archive checks its term first (`checkFence`).
    func write<T>(
        _ operation: String, relaxedDurability: Bool = false, _ body: (PostgresConnection) async throws -> T
    ) async throws(StoreError) -> T {
        // A standby, or a leader whose watch saw the term end, does not even ask the database.
        var term: Int64?
        if let fence {
            guard let epoch = fence.epoch else {
                throw StoreError(
                    kind: .lostLeadership(term: nil, current: nil), operation: operation, path: location, message: "")
            }
            term = epoch
        }
        do {
            return try await writer.transaction("BEGIN", logger: logger) { connection in
                if let term { try await checkFence(term, operation: operation, connection) }
                if relaxedDurability {
                    try await connection.query("SET LOCAL synchronous_commit = off", logger: logger)
                }
                return try await body(connection)
            }
        } catch {
            throw StoreError.postgres(error, operation: operation, location: location)
        }
    }

    /// Fails the transaction unless `leadership` still holds `term`. The row is read FOR SHARE: a takeover's update
    /// waits for this transaction to end, so it commits entirely before the new term or not at all. A transaction
    /// left idle by a paused leader is ended by the server after 30 s, so it cannot hold a takeover back for longer.
    private func checkFence(_ term: Int64, operation: String, _ connection: PostgresConnection) async throws {
        let current = try await connection.value(
            """
            SELECT epoch FROM leadership, set_config('idle_in_transaction_session_timeout', '30s', true)
            WHERE id = 1 FOR SHARE OF leadership
            """, as: Int64.self, logger)
        guard current == term else {
            throw StoreError(
                kind: .lostLeadership(term: term, current: current), operation: operation, path: location,
                message: "")
        }
    }

    /// The archive needs no checkpoints of ours: PostgreSQL's own checkpointer runs beside every session.
    public func withBackgroundCheckpoints<T: Sendable>(_ body: (WALCheckpointer) async -> T) async
        -> (T, WALCheckpointer.Failures)
    {
        let inactive = WALCheckpointer.inactive()
        return (await body(inactive), inactive.failures)
    }
}

extension PostgresConnection {
    /// Every row of `query`.
    func rows(_ query: PostgresQuery, _ logger: Logger) async throws -> [PostgresRow] {
        try await self.query(query, logger: logger).collect()
    }

    /// Runs a statement whose rows, if any, are not needed.
    func execute(_ query: PostgresQuery, _ logger: Logger) async throws {
        _ = try await self.query(query, logger: logger).collect()
    }

    /// The first column of the first row, nil when there is no row or it is NULL.
    func value<T>(_ query: PostgresQuery, as type: T.Type, _ logger: Logger) async throws -> T?
    where T: PostgresDecodable, T._DecodableType == T {
        guard let row = try await rows(query, logger).first else { return nil }
        return try row.decode(T?.self)
    }
}
