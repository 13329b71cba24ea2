import CablewatchPostgres
import CablewatchStore
import Foundation
import PostgresNIO
import Testing

/// `cablewatch run` and `poll` writing a real PostgreSQL archive: one writer per database, a clean stop, and an
/// archive that reconnects after its sessions were cut.
@Suite(.serialized) struct PostgresDaemonTests {
    @Test(
        .enabled(if: PostgresTestServer.isInstalled, "the PostgreSQL server (Debian's postgresql) is not installed"),
        .timeLimit(.minutes(3)))
    func theDaemonPollsAPostgreSQLArchiveIsItsOnlyWriterAndStopsCleanly() async throws {
        try await PostgresTestServer.withDatabase { server in
            let directory = NSTemporaryDirectory() + "cablewatch-pg-run-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let (simulator, baseURL) = try await ProcessHarness.startSimulator(
                ["--cables", "80", "--seed", "3", "--builds", "2", "--build", "1"], directory: directory)
            defer { simulator.terminate() }
            let config = directory + "/cablewatch.yaml"
            try """
            source:
              url: \(baseURL)
            poll:
              interval: 15m
              jitter: 0
            http:
              perHostDelay: 0s
            storage:
              url: \(server.location)
            events:
              log: \(directory)/events.jsonl
            """.write(toFile: config, atomically: true, encoding: .utf8)
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CABLEWATCH_") }
            environment["NOTIFY_SOCKET"] = nil
            let daemon = Process()
            daemon.executableURL = URL(fileURLWithPath: ProcessHarness.executable("cablewatch"))
            daemon.arguments = ["run", "--config", config]
            daemon.environment = environment
            let log = directory + "/daemon.log"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            daemon.standardOutput = handle
            daemon.standardError = handle
            try daemon.run()
            defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
            func daemonLog() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

            // Progress, not time: wait (generously) until the first poll is recorded as done.
            let deadline = ContinuousClock.now + .seconds(90)
            var outcome: String?
            while outcome != "ok", ContinuousClock.now < deadline, daemon.isRunning {
                try await Task.sleep(for: .seconds(1))
                let status = try await ProcessHarness.run(
                    "cablewatch", ["status", "--config", config, "--json"])
                let object = try? JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any]
                outcome = (object?["lastPoll"] as? [String: Any])?["outcome"] as? String
            }
            #expect(outcome == "ok", "\(daemonLog())")

            let second = try await ProcessHarness.run("cablewatch", ["poll", "--config", config])
            #expect(second.status == 75, "\(second.output)")
            #expect(second.output.contains("another cablewatch is writing postgresql://"), "\(second.output)")

            let exited = try await ProcessHarness.signalAndTimeExit(daemon, SIGTERM, limit: 15)
            #expect(exited != nil, "cablewatch run still running after SIGTERM")
            #expect(daemon.terminationStatus == 0, "\(daemonLog())")
            let status = try await ProcessHarness.run("cablewatch", ["status", "--config", config])
            #expect(status.output.contains("not running (pid"), "\(status.output)")
            let verify = try await ProcessHarness.run("cablewatch", ["verify", "--config", config])
            #expect(verify.status == 0, "\(verify.output)")
            let after = try await ProcessHarness.run("cablewatch", ["poll", "--config", config])
            #expect(after.status == 0, "the lock went with the daemon: \(after.output)")
        }
    }

    @Test(.enabled(if: PostgresTestServer.isInstalled, "the PostgreSQL server (Debian's postgresql) is not installed"))
    func theArchiveReconnectsAfterItsSessionsWereCut() async throws {
        try await PostgresTestServer.withDatabase { server in
            let store = try await PostgresArchive.open(server, mode: .readWrite, logger: quietLogger)
            do {
                try await store.setSyncValue("1", forKey: "before")
                let admin = try await server.testConnection(database: "postgres")
                try await admin.query(
                    """
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE datname = \(server.database) AND pid <> pg_backend_pid()
                    """, logger: quietLogger)
                try await admin.close()
                // Both sessions find their connection cut at their next transaction, and open a new one.
                try await store.setSyncValue("2", forKey: "after")
                let values = try await store.syncValues()
                #expect(values["before"] == "1" && values["after"] == "2")
            } catch {
                await store.close()
                throw error
            }
            await store.close()
        }
    }
}
