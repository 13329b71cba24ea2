import Logging
import PostgresNIO

/// One PostgreSQL connection lent to one task at a time, opened on first use and again after it broke: the
/// statements of a transaction must never interleave with another task's on the same session.
actor PostgresSession {
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private var connection: PostgresConnection?
    private var connectionCount = 0
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(configuration: PostgresConnection.Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Waits for the session to be free and returns its connection, connecting when there is none; the caller
    /// hands it back with `release(discarding:)`.
    func acquire() async throws -> PostgresConnection {
        await waitForTurn()
        if let connection, !connection.isClosed { return connection }
        do {
            connectionCount += 1
            let fresh = try await PostgresConnection.connect(
                configuration: configuration, id: connectionCount, logger: logger)
            connection = fresh
            return fresh
        } catch {
            handOver()
            throw error
        }
    }

    /// Hands the connection back; `discarding` closes it first (it broke, or a transaction could not be ended).
    func release(discarding: Bool) async {
        if discarding, let broken = connection {
            connection = nil
            try? await broken.close()
        }
        handOver()
    }

    /// Closes the connection, if there is one, once the session is free; a later `acquire` would connect again.
    func close() async {
        await waitForTurn()
        await release(discarding: true)
    }

    private func waitForTurn() async {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
    }

    private func handOver() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Runs `body` in one transaction opened by `begin`: committed when it returns, rolled back when it throws.
    nonisolated func transaction<T>(
        _ begin: PostgresQuery, logger: Logger, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection = try await begun(begin, logger: logger)
        do {
            let result = try await body(connection)
            try await connection.query("COMMIT", logger: logger)
            await release(discarding: false)
            return result
        } catch {
            var broken = connection.isClosed
            if !broken {
                do {
                    try await connection.query("ROLLBACK", logger: logger)
                } catch {
                    broken = true
                }
            }
            await release(discarding: broken)
            throw error
        }
    }

    /// Whether `error` is the server ending the session (SQLSTATE class 57P: `pg_terminate_backend`, a shutdown):
    /// the error can arrive before the driver has marked the connection closed.
    static func isSessionEnd(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState]?.hasPrefix("57P") == true
    }

    /// The session's connection with a transaction opened by `begin`. A connection the server ended meanwhile (a
    /// restart, `pg_terminate_backend`) fails at that first statement, before anything ran, so a new one tries once
    /// more.
    private nonisolated func begun(_ begin: PostgresQuery, logger: Logger) async throws -> PostgresConnection {
        var retried = false
        while true {
            let connection = try await acquire()
            do {
                try await connection.query(begin, logger: logger)
                return connection
            } catch {
                let ended = connection.isClosed || Self.isSessionEnd(error)
                await release(discarding: true)
                guard ended, !retried else { throw error }
                retried = true
            }
        }
    }
}
