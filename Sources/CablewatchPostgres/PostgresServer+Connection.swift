import PostgresNIO

extension PostgresServer {
    /// How every session of ours connects: no TLS (a socket on the host, or a network the operator secures), a
    /// bounded connect, and `application_name` set so that `pg_stat_activity` tells each daemon's sessions apart
    /// (and an operator can cut one node's with `pg_terminate_backend`).
    var connectionConfiguration: PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: .disable)
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        return configuration
    }
}
