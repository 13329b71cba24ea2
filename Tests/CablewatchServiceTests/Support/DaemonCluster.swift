import CablewatchPostgres
import Foundation
import PostgresNIO
import Testing

/// Several `cablewatch run` processes sharing one PostgreSQL archive, as on several machines: each node has a folder
/// of its own (configuration, event log, daemon log), its own `cluster.nodeName`, metrics port and notify socket.
final class DaemonCluster {
    /// One daemon of the cluster.
    final class Node {
        let name: String
        let directory: String
        let config: String
        let metricsPort: Int
        let notify: NotifySocket
        var process: Process?

        init(name: String, directory: String, config: String, metricsPort: Int, notify: NotifySocket) {
            self.name = name
            self.directory = directory
            self.config = config
            self.metricsPort = metricsPort
            self.notify = notify
        }

        var log: String { (try? String(contentsOfFile: directory + "/daemon.log", encoding: .utf8)) ?? "" }

        var isRunning: Bool { process?.isRunning ?? false }
    }

    let directory: String
    let server: PostgresServer
    let baseURL: String
    /// `poll.interval`, in seconds.
    let intervalSeconds: Double
    /// `poll.revalidate`: `0s` re-fetches every archived cable at each new build, which catches silent edits.
    let revalidate: String
    /// `events.baselinePerCable`: one `cable.added` per cable of the first sync, many events to deliver.
    let baselinePerCable: Bool
    /// More configuration, appended to every node's (webhooks).
    let extra: String
    private(set) var nodes: [Node] = []

    init(
        directory: String, server: PostgresServer, baseURL: String, intervalSeconds: Double, revalidate: String = "24h",
        baselinePerCable: Bool = false, extra: String = ""
    ) {
        self.revalidate = revalidate
        self.baselinePerCable = baselinePerCable
        self.directory = directory
        self.server = server
        self.baseURL = baseURL
        self.intervalSeconds = intervalSeconds
        self.extra = extra
    }

    deinit {
        for node in nodes where node.isRunning {
            if let process = node.process { kill(process.processIdentifier, SIGKILL) }
        }
    }

    /// Adds a node, with its folder and configuration; not started yet.
    func add(_ name: String) throws -> Node {
        let folder = directory + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let port = try MetricsEndpointTests.freePort()
        let config = folder + "/cablewatch.yaml"
        try """
        source:
          url: \(baseURL)
        poll:
          interval: \(Int(intervalSeconds * 1000))ms
          jitter: 0
          revalidate: \(revalidate)
        http:
          perHostDelay: 0s
          concurrency: 4
        storage:
          url: \(server.location)
        events:
          log: \(folder)/events.jsonl
          baselinePerCable: \(baselinePerCable)
        metrics:
          listen: 127.0.0.1:\(port)
        cluster:
          nodeName: \(name)
        \(extra)
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let node = Node(
            name: name, directory: folder, config: config, metricsPort: port,
            notify: try NotifySocket(directory: folder))
        nodes.append(node)
        return node
    }

    /// Starts (or restarts) a node's `cablewatch run`.
    func start(_ node: Node) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessHarness.executable("cablewatch"))
        process.arguments = ["run", "--config", node.config]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CABLEWATCH_") }
        environment["NOTIFY_SOCKET"] = node.notify.path
        process.environment = environment
        let log = node.directory + "/daemon.log"
        if !FileManager.default.fileExists(atPath: log) {
            _ = FileManager.default.createFile(atPath: log, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        node.process = process
    }

    /// `kill -9` of a node, waiting until it is gone.
    func kill9(_ node: Node) async throws {
        guard let process = node.process else { return }
        kill(process.processIdentifier, SIGKILL)
        try await ProcessHarness.waitForExit(process)
    }

    /// The `leadership` row as the database has it now: node and epoch, nil before anyone led.
    func leadershipRow() async throws -> (node: String, epoch: Int64)? {
        let connection = try await server.testConnection()
        do {
            let rows = try await connection.query(
                "SELECT node, epoch FROM leadership WHERE id = 1 AND epoch > 0", logger: quietLogger
            ).collect()
            try await connection.close()
            return try rows.first?.decode((String, Int64).self)
        } catch {
            try? await connection.close()
            // Before the first daemon migrated, there is no table yet.
            return nil
        }
    }

    /// Waits (up to `seconds`) until `node` leads with an epoch above `after`; returns the epoch and how long it took,
    /// checked every 50 ms.
    func waitForLeader(_ node: Node, after: Int64 = 0, seconds: Double = 60) async throws -> (
        epoch: Int64, waited: Duration
    ) {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(seconds) {
            if let row = try await leadershipRow(), row.node == node.name, row.epoch > after {
                return (row.epoch, ContinuousClock.now - started)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError(
            "\(node.name) did not lead within \(seconds) s; row: \(String(describing: try await leadershipRow()))\n"
                + node.log)
    }

    /// The node that leads now by the `leadership` row, and its epoch; nil before anyone led.
    func currentLeader() async throws -> (node: Node, epoch: Int64)? {
        guard let row = try await leadershipRow(), let node = nodes.first(where: { $0.name == row.node }) else {
            return nil
        }
        return (node, row.epoch)
    }

    /// Waits (up to `seconds`) until some node other than `except` leads with an epoch above `after`; returns it and
    /// how long that took, checked every 50 ms.
    func waitForTakeover(from except: Node, after: Int64, seconds: Double = 60) async throws -> (
        node: Node, epoch: Int64, waited: Duration
    ) {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(seconds) {
            if let (node, epoch) = try await currentLeader(), node !== except, epoch > after {
                return (node, epoch, ContinuousClock.now - started)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError("no node took over from \(except.name) within \(seconds) s\n\(await diagnosis())")
    }

    /// What a failed wait reports: the server's sessions (who waits on what) and each node's state and log tail.
    func diagnosis() async -> String {
        var lines: [String] = []
        do {
            let connection = try await server.testConnection()
            do {
                let rows = try await connection.query(
                    """
                    SELECT coalesce(application_name, ''), pid::text, coalesce(state, ''),
                           coalesce(wait_event_type || ':' || wait_event, ''),
                           coalesce(extract(epoch FROM now() - xact_start)::int::text, ''),
                           coalesce(left(query, 100), '')
                      FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                    """, logger: quietLogger
                ).collect()
                for row in rows {
                    let (name, pid, state, wait, transaction, query) = try row.decode(
                        (String, String, String, String, String, String).self)
                    lines.append("session \(name) pid \(pid) \(state) wait \(wait) xact \(transaction) s: \(query)")
                }
            } catch {
                lines.append("the server's sessions could not be read: \(String(reflecting: error))")
            }
            try? await connection.close()
        } catch {
            lines.append("no connection to the server: \(String(reflecting: error))")
        }
        for node in nodes {
            lines.append("--- \(node.name), \(node.isRunning ? "running" : "not running"), log tail:")
            lines.append(String(node.log.suffix(4_000)))
        }
        return lines.joined(separator: "\n")
    }

    /// `cablewatch_leader` on a node's `/metrics`, nil when it does not answer.
    func leaderGauge(_ node: Node) async -> Int? {
        guard let data = try? await ProcessHarness.curl("http://127.0.0.1:\(node.metricsPort)/metrics") else {
            return nil
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cablewatch_leader ") }) else {
            return nil
        }
        return Int(line.dropFirst("cablewatch_leader ".count))
    }

    /// Waits (up to `seconds`) until a node's `cablewatch_leader` reads `value`.
    func waitForGauge(_ node: Node, _ value: Int, seconds: Double = 60) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if await leaderGauge(node) == value { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw HarnessError("\(node.name): cablewatch_leader is not \(value) after \(seconds) s\n\(node.log)")
    }

    /// `status --json` through a node's configuration.
    func status(_ node: Node) async throws -> [String: Any] {
        let result = try await ProcessHarness.run("cablewatch", ["status", "--config", node.config, "--json"])
        return (try? JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]) ?? [:]
    }

    /// Waits (up to `seconds`) until a poll that started at or after `since` has finished well (ok or unchanged).
    func waitForPoll(_ node: Node, since: String = "", seconds: Double = 180) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            let poll = try await status(node)["lastPoll"] as? [String: Any]
            if let started = poll?["startedAt"] as? String, started >= since, poll?["finishedAt"] is String,
                ["ok", "unchanged"].contains(poll?["outcome"] as? String ?? "")
            {
                return
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw HarnessError("no good poll since \(since) within \(seconds) s\n\(node.log)")
    }

    /// Ends every session a node has on the database, as an operator's `pg_terminate_backend` (or a cut) would;
    /// returns how many there were.
    func terminateSessions(of node: Node) async throws -> Int {
        let admin = try await server.testConnection(database: "postgres")
        do {
            let rows = try await admin.query(
                """
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = \(server.database) AND application_name = \("cablewatch " + node.name)
                """, logger: quietLogger
            ).collect()
            try await admin.close()
            return rows.count
        } catch {
            try? await admin.close()
            throw error
        }
    }

    /// Checks the archive against the source and itself: the same cables with the same content as the simulator's
    /// released set (of `cables` cables, when given), `verify` clean, event seqs 1…n without gap or repeat and each id once. Returns the events.
    @discardableResult
    func expectArchiveComplete(_ node: Node, cables: Int?) async throws -> [[String: Any]] {
        let state = try JSONSerialization.jsonObject(with: try await ProcessHarness.curl(baseURL + "/_sim/state"))
        let released = try #require((state as? [String: Any])?["cables"] as? [[String: Any]])
        var expected: [String: String] = [:]
        for cable in released {
            expected[cable["referenceId"] as? String ?? ""] = cable["contentSHA256"] as? String
        }
        if let cables { #expect(expected.count == cables) }
        let export = try await ProcessHarness.run(
            "cablewatch", ["export", "--config", node.config, "--format", "jsonl"])
        #expect(export.status == 0)
        var archived: [String: String] = [:]
        for line in export.output.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            archived[object?["referenceId"] as? String ?? ""] = object?["contentSHA256"] as? String
        }
        let missing = Set(expected.keys).subtracting(archived.keys)
        let extra = Set(archived.keys).subtracting(expected.keys)
        let differing = expected.keys.filter { archived[$0] != nil && archived[$0] != expected[$0] }
        #expect(
            archived == expected,
            "the archive is not the source's released set: \(missing.count) missing (\(missing.sorted().prefix(5))), \(extra.count) extra (\(extra.sorted().prefix(5))), \(differing.count) differing (\(differing.sorted().prefix(5)))"
        )
        let verify = try await ProcessHarness.run("cablewatch", ["verify", "--config", node.config])
        #expect(verify.status == 0, "\(verify.output)")
        let events = try await ProcessHarness.run("cablewatch", ["events", "--config", node.config])
        let objects = try events.output.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
        let seqs = objects.compactMap { ($0["seq"] as? NSNumber)?.int64Value }
        #expect(!seqs.isEmpty && seqs == Array(1...Int64(max(1, seqs.count))), "event seqs are 1…n: \(seqs.prefix(20))")
        let ids = objects.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count && ids.count == seqs.count, "each event id once")
        return objects
    }
}
