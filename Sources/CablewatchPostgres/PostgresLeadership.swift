import CablewatchStore
import Logging
import PostgresNIO

#if canImport(Glibc)
    import Glibc
#endif

/// The leadership of the daemons sharing one PostgreSQL archive (DESIGN.md, leadership): a session-level advisory
/// lock, held on a connection of its own (never the archive's, whose sessions reconnect on their own), plus a fencing
/// token. Whoever takes the lock increments `leadership.epoch` in the same session and writes under that epoch
/// (`PostgresFence`); the server drops the lock when the session ends, so a leader that dies or is cut off leaves
/// the lock to a standby, and its own later writes fail.
public final class PostgresLeadership: Sendable {
    /// The advisory lock's key, the same for every cablewatch on the database.
    static let key: Int64 = 0x6361_626c_6577_02

    /// What this process calls itself in the `leadership` row (`cluster.nodeName`).
    public let node: String
    /// The token this process's archive writes under, set while it leads.
    public let fence: PostgresFence
    private let connection: PostgresConnection
    private let location: String
    private let logger: Logger

    private init(
        node: String, fence: PostgresFence, connection: PostgresConnection, location: String, logger: Logger
    ) {
        self.node = node
        self.fence = fence
        self.connection = connection
        self.location = location
        self.logger = logger
    }

    /// Opens the session through which this process waits for, takes and holds the leadership.
    public static func connect(_ server: PostgresServer, node: String, fence: PostgresFence, logger: Logger)
        async throws(StoreError) -> PostgresLeadership
    {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: server.connectionConfiguration, id: 0, logger: logger)
            // The server's keepalives on this socket: a leader whose network went silent (no reset) loses the lock
            // after about 11 s instead of the system's default two hours, so a standby can take over.
            for setting in ["tcp_keepalives_idle = 5", "tcp_keepalives_interval = 2", "tcp_keepalives_count = 3"] {
                try await connection.query(PostgresQuery(unsafeSQL: "SET " + setting), logger: logger)
            }
            return PostgresLeadership(
                node: node, fence: fence, connection: connection, location: server.location, logger: logger)
        } catch {
            throw StoreError.postgres(error, operation: "connect for the leadership", location: server.location)
        }
    }

    /// Takes the lock if it is free, without waiting, and starts a term: in one transaction on this session, migrates
    /// the schema (the `leadership` table may be new), increments the epoch and records this node. The fence then
    /// carries the new epoch. Nil when another process leads.
    public func tryTake() async throws(StoreError) -> ArchiveLeader? {
        do {
            let taken =
                try await connection.query("SELECT pg_try_advisory_lock(\(Self.key))", logger: logger).collect()
                .first?.decode(Bool.self) ?? false
            guard taken else { return nil }
            let pid = Int64(getpid())
            let term: ArchiveLeader
            do {
                try await connection.query("BEGIN", logger: logger)
                try await PostgresArchiveSchema.migrate(connection, logger: logger)
                // The update waits for the previous leader's open write transaction, which read the row FOR SHARE:
                // that one commits before the new term, or fails its fence check after it.
                let row = try await connection.query(
                    """
                    UPDATE leadership SET epoch = epoch + 1, node = \(node), pid = \(pid), since = now()
                    WHERE id = 1 RETURNING epoch, \(unescaped: Self.sinceText)
                    """, logger: logger
                ).collect().first
                guard let (epoch, since) = try row?.decode((Int64, String).self) else {
                    throw StoreError(
                        kind: .invariant("the leadership row is missing"), operation: "take the leadership",
                        path: location, message: "")
                }
                try await connection.query("COMMIT", logger: logger)
                term = ArchiveLeader(epoch: epoch, node: node, pid: Int32(pid), since: since, active: true)
            } catch {
                // Whatever failed, this session must not keep a lock it did not start a term under.
                try? await connection.close()
                throw error
            }
            if let epoch = term.epoch { fence.begin(epoch) }
            return term
        } catch {
            throw StoreError.postgres(error, operation: "take the leadership", location: location)
        }
    }

    /// The `since` column as `Timestamp` writes times: UTC, milliseconds.
    static let sinceText = #"to_char(since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')"#

    /// Returns, with the reason, once the leadership is lost: the session was closed (the server ended it, the
    /// network broke), did not answer a probe within `timeout`, or the row names another epoch. Probes every
    /// `interval`; ends the fence before returning, so no write starts under the lost term. Throws
    /// `CancellationError` when cancelled first.
    public func watch(every interval: Duration, timeout: Duration) async throws -> String {
        while true {
            try await Task.sleep(for: interval)
            let reason = await probe(timeout: timeout)
            if let reason {
                fence.end()
                return reason
            }
        }
    }

    /// One probe of the session: nil while the term is intact, else why it is not.
    private func probe(timeout: Duration) async -> String? {
        if connection.isClosed { return "the leadership session was closed" }
        let connection = self.connection
        let logger = self.logger
        let expected = fence.epoch
        return await withTaskGroup(of: String?.self) { group in
            group.addTask {
                do {
                    let epoch = try await connection.query(
                        "SELECT epoch FROM leadership WHERE id = 1", logger: logger
                    ).collect().first?.decode(Int64.self)
                    return epoch == expected ? nil : "epoch \(epoch.map(String.init) ?? "none") is not ours"
                } catch {
                    return
                        "the leadership session failed: \(StoreError.postgres(error, operation: "probe", location: ""))"
                }
            }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                } catch {
                    return nil
                }
                // Closing fails the probe still waiting, so the group ends.
                try? await connection.close()
                return "the leadership session did not answer within \(timeout)"
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// The current or last term from the `leadership` row, and whether its lock is held now (a leader killed or cut
    /// off leaves the row until a standby takes over); nil when no process has led yet.
    static func leader(_ connection: PostgresConnection, logger: Logger) async throws -> ArchiveLeader? {
        let row = try await connection.query(
            """
            SELECT epoch, node, pid, \(unescaped: sinceText),
              EXISTS (SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()
                  AND l.classid::bigint = \(key >> 32) AND l.objid::bigint = \(key & 0xFFFF_FFFF) AND l.objsubid = 1)
            FROM leadership WHERE id = 1 AND epoch > 0
            """, logger: logger
        ).collect().first
        guard let (epoch, node, pid, since, held) = try row?.decode((Int64, String, Int64, String, Bool).self) else {
            return nil
        }
        return ArchiveLeader(epoch: epoch, node: node, pid: Int32(truncatingIfNeeded: pid), since: since, active: held)
    }

    /// Ends the term and the session; the server drops the lock with it.
    public func close() async {
        fence.end()
        try? await connection.close()
    }
}
