import CablewatchPostgres
import Foundation
import Logging
import PostgresNIO

#if canImport(Glibc)
    import Glibc
#endif

/// A private PostgreSQL server for one test, from Debian's `postgresql` package: `initdb` into a temporary folder,
/// then `pg_ctl start` on a free port of 127.0.0.1 with its socket in that folder, as `nobody` when the tests run as
/// root (the server refuses root). `withDatabase` stops it (`pg_ctl stop`) and removes the folder afterwards.
///
/// `pg_ctl` runs under a `python3` that closes every other descriptor for it: the server it detaches would otherwise
/// keep the descriptor through which Foundation learns that its child exited, and waiting for `pg_ctl` would never
/// end.
struct PostgresTestServer: Sendable {
    /// Where Debian installs the server's programs.
    static let binaries = "/usr/lib/postgresql/15/bin"

    /// Whether the server's programs are installed; without them the PostgreSQL tests are skipped, visibly.
    static let isInstalled = ["initdb", "pg_ctl", "postgres"].allSatisfy {
        FileManager.default.isExecutableFile(atPath: binaries + "/" + $0)
    }

    /// The superuser `initdb` creates, with trust authentication on the private server.
    static let superuser = "cablewatch"

    let directory: String
    let port: Int

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
            guard status == 0 else {
                throw HarnessError("initdb exited with \(status): \(log(directory, "initdb.out"))")
            }
            // A port another process takes between the probe and the server's start fails the start: try another.
            for _ in 0..<5 {
                let port = try freePort()
                let options = "-p \(port) -h 127.0.0.1 -k \(directory) -c fsync=off -c full_page_writes=off"
                let status = try await run(
                    "pg_ctl",
                    [
                        "start", "-w", "-t", "120", "-D", directory + "/data", "-l", directory + "/server.log", "-o",
                        options,
                    ],
                    directory: directory)
                if status == 0 { return PostgresTestServer(directory: directory, port: port) }
                guard log(directory, "server.log").contains("Address already in use") else {
                    throw HarnessError(
                        "pg_ctl start exited with \(status): \(log(directory, "pg_ctl.out")) \(log(directory, "server.log"))"
                    )
                }
            }
            throw HarnessError("the PostgreSQL test server did not start: \(log(directory, "server.log"))")
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
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

    /// Stops the server at once (`pg_ctl stop -m immediate`: its data is thrown away), and removes its folder.
    func stop() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let status = try await Self.run(
            "pg_ctl", ["stop", "-w", "-m", "immediate", "-D", directory + "/data"], directory: directory)
        guard status == 0 else {
            throw HarnessError("pg_ctl stop exited with \(status): \(Self.log(directory, "pg_ctl.out"))")
        }
    }

    /// Runs one of the server's programs to its end, with `launch`, through a `python3` that closes every descriptor
    /// but the standard ones for it; its exit status.
    private static func run(_ program: String, _ arguments: [String], directory: String) async throws -> Int32 {
        let process = try launch(
            program, arguments, directory: directory,
            through: ["/usr/bin/python3", "-c", "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]))"])
        return try await offThePool { () -> Int32 in
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    /// Starts one of the server's programs as the server's user (`nobody` when the tests run as root), its output
    /// in `PROGRAM.out` in the folder; `through` is a command line that runs the rest.
    private static func launch(
        _ program: String, _ arguments: [String], directory: String, through wrapper: [String] = []
    ) throws -> Process {
        let path = binaries + "/" + program
        let log = directory + "/\(program).out"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        defer { try? output.close() }
        let asServer =
            geteuid() == 0
            ? ["/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--reset-env", "--", path]
            : [path]
        let commandLine = wrapper + asServer + arguments
        let process = Process()
        process.executableURL = URL(fileURLWithPath: commandLine[0])
        process.arguments = Array(commandLine.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return process
    }

    /// The text of a file in the folder: `PROGRAM.out`, or the server's `server.log`.
    private static func log(_ directory: String, _ file: String) -> String {
        (try? String(contentsOfFile: directory + "/" + file, encoding: .utf8)) ?? ""
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
