import CablewatchStore
import Logging
import PostgresNIO

/// One writer per PostgreSQL archive, as `ArchiveWriterLock` is for an SQLite file: a session-level advisory lock,
/// held on a connection of its own for as long as the writer runs. The server drops it when that connection ends,
/// so a writer that dies leaves nothing behind.
public final class PostgresWriterLock: Sendable {
    /// The advisory lock's key, the same for every cablewatch on the database.
    static let key: Int64 = 0x6361_626c_6577_02

    private let connection: PostgresConnection

    private init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Takes the lock at once, or returns nil when another writer holds it.
    public static func acquire(_ server: PostgresServer, logger: Logger) async throws(StoreError)
        -> PostgresWriterLock?
    {
        do {
            let configuration = PostgresConnection.Configuration(
                host: server.host, port: server.port, username: server.username, password: server.password,
                database: server.database, tls: .disable)
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            let taken =
                try await connection.query("SELECT pg_try_advisory_lock(\(key))", logger: logger).collect().first?
                .decode(Bool.self) ?? false
            guard taken else {
                try? await connection.close()
                return nil
            }
            return PostgresWriterLock(connection: connection)
        } catch {
            throw StoreError.postgres(error, operation: "lock for writing", location: server.location)
        }
    }

    /// Gives the lock up by ending its connection.
    public func release() async {
        try? await connection.close()
    }
}
