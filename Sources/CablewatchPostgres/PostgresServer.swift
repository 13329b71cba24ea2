/// Where a PostgreSQL archive lives and who connects to it: what `storage.url` and `storage.passwordFile` (or a
/// systemd credential) say.
public struct PostgresServer: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String
    public var database: String
    /// Read from a file or a credential, never from the configuration itself; nil for trust or peer
    /// authentication.
    public var password: String?
    /// What `pg_stat_activity` shows for our sessions: `cablewatch NODE` for a daemon (`cluster.nodeName`).
    public var applicationName = "cablewatch"

    public init(host: String, port: Int = 5432, username: String, database: String, password: String? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.database = database
        self.password = password
    }

    /// The server as messages name it: the URL without any password.
    public var location: String { "postgresql://\(username)@\(host):\(port)/\(database)" }
}
