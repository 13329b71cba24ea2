import CablewatchPostgres
import Foundation
import Logging
import PostgresNIO

#if canImport(Glibc)
    import Glibc
#endif

/// A private PostgreSQL server for one test, from Debian's `postgresql` package: `initdb` into a temporary folder,
/// then `postgres` on a free port of 127.0.0.1 with its socket in that folder, as `nobody` when the tests run as
/// root (the server refuses root). `withDatabase` stops it and removes the folder afterwards.
///
/// The server is a direct child (`setpriv` changes the user and execs), not a daemon that `pg_ctl` detaches: a
/// detached server keeps the descriptor through which Foundation learns that its child exited, so waiting for
/// `pg_ctl` never ends.
struct PostgresTestServer: Sendable {
    /// Where Debian installs the server's programs.
    static let binaries = "/usr/lib/postgresql/15/bin"

    /// Whether the server's programs are installed; without them the PostgreSQL tests are skipped, visibly.
    static let isInstalled = ["initdb", "postgres"].allSatisfy {
        FileManager.default.isExecutableFile(atPath: binaries + "/" + $0)
    }

    /// The superuser `initdb` creates, with trust authentication on the private server.
    static let superuser = "cablewatch"

    let directory: String
    let port: Int
    let process: Process

    /// Which queue a test waits in for its server (see `withDatabase`).
    enum Lane: Sendable {
        /// The archive, command and single-daemon tests.
        case shared
        /// The multi-daemon failover tests, which hold their server for minutes: in a queue of their own, so that the
        /// shared lane's tests do not spend their time limits waiting behind them.
        case cluster
    }

    /// Runs `body` with a new database on a server of its own, then stops the server and removes its folder. One
    /// such server runs at a time per lane in the test process: together with its `cablewatch` processes it is a
    /// heavy test, and the tests that measure throughput share the machine's two cores with it.
    static func withDatabase<T: Sendable>(lane: Lane = .shared, _ body: (PostgresServer) async throws -> T)
        async throws -> T
    {
        let gate =
            switch lane {
            case .shared: sharedGate
            case .cluster: clusterGate
            }
        await gate.enter()
        do {
            let server = try await start()
            do {
                let database = try await server.createDatabase("archive")
                let result = try await body(database)
                try await server.stop()
                await gate.leave()
                return result
            } catch {
                try? await server.stop()
                throw error
            }
        } catch {
            await gate.leave()
            throw error
        }
    }

    private static let sharedGate = OneAtATime()
    private static let clusterGate = OneAtATime()

    /// Initialises a cluster and starts its server on a free port, waiting until it accepts connections.
    static func start() async throws -> PostgresTestServer {
        let directory = NSTemporaryDirectory() + "cablewatch-pg-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if geteuid() == 0 {
            // The server runs as `nobody`, which must own its folder.
            try FileManager.default.setAttributes(
                [.ownerAccountName: "nobody", .posixPermissions: 0o700], ofItemAtPath: directory)
        }
        do {
            let initdb = try launch(
                "initdb", ["-D", directory + "/data", "-U", superuser, "--auth=trust", "-E", "UTF8", "--locale=C"],
                directory: directory)
            let status = try await offThePool { () -> Int32 in
                initdb.waitUntilExit()
                return initdb.terminationStatus
            }
            guard status == 0 else { throw HarnessError("initdb exited with \(status): \(log(directory, "initdb"))") }
            // A port another process takes between the probe and the server's start fails the start: try another.
            for _ in 0..<5 {
                let port = try freePort()
                let process = try launch(
                    "postgres",
                    [
                        "-D", directory + "/data", "-p", "\(port)", "-h", "127.0.0.1", "-k", directory, "-c",
                        "fsync=off", "-c", "full_page_writes=off",
                    ], directory: directory)
                let server = PostgresTestServer(directory: directory, port: port, process: process)
                if try await server.waitUntilReady() { return server }
            }
            throw HarnessError("the PostgreSQL test server did not start: \(log(directory, "postgres"))")
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Waits (up to two minutes) until the server accepts a connection; false when it exited first.
    private func waitUntilReady() async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { return false }
            if let connection = try? await connect(database: "postgres") {
                try await connection.close()
                return true
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HarnessError("the PostgreSQL test server did not accept connections within two minutes")
    }

    private func connect(database: String) async throws -> PostgresConnection {
        let configuration = PostgresConnection.Configuration(
            host: "127.0.0.1", port: port, username: Self.superuser, password: nil, database: database, tls: .disable)
        return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: quietLogger)
    }

    /// Creates a database and says how to reach it.
    func createDatabase(_ name: String) async throws -> PostgresServer {
        let connection = try await connect(database: "postgres")
        do {
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\""), logger: quietLogger)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
        return PostgresServer(host: "127.0.0.1", port: port, username: Self.superuser, database: name)
    }

    /// Stops the server at once (SIGQUIT, its data is thrown away), waits for it, and removes its folder.
    func stop() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        if process.isRunning { kill(process.processIdentifier, SIGQUIT) }
        try await offThePool { process.waitUntilExit() }
    }

    /// Starts one of the server's programs as the server's user (`nobody` when the tests run as root), its output
    /// in `PROGRAM.out` in the folder.
    private static func launch(_ program: String, _ arguments: [String], directory: String) throws -> Process {
        let path = binaries + "/" + program
        let log = directory + "/\(program).out"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        defer { try? output.close() }
        let process = Process()
        if geteuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments =
                ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--reset-env", "--", path] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return process
    }

    private static func log(_ directory: String, _ program: String) -> String {
        (try? String(contentsOfFile: directory + "/\(program).out", encoding: .utf8)) ?? ""
    }

    /// A port of 127.0.0.1 that nothing listens on now.
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw HarnessError("socket: errno \(errno)") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw HarnessError("bind: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        guard named == 0 else { throw HarnessError("getsockname: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Lets one task at a time through, in arrival order.
actor OneAtATime {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
    }

    func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}

extension PostgresServer {
    /// A connection of its own to this database (or to `database`), as the tests' superuser, for what a test reads or
    /// does behind the archive's back.
    func testConnection(database: String? = nil) async throws -> PostgresConnection {
        try await PostgresConnection.connect(
            configuration: PostgresConnection.Configuration(
                host: host, port: port, username: username, password: nil, database: database ?? self.database,
                tls: .disable), id: 90, logger: quietLogger)
    }
}
