import Foundation
import Testing

/// The real `cablewatch run` binary against a real `cablegate-sim serve`, with a notify socket the test owns: the
/// systemd messages and their order, reload, stop, and the source-health events.
@Suite(.serialized) struct DaemonProcessTests {
    /// One daemon under test, with its scratch directory, simulator and notify socket.
    final class Rig {
        let directory: String
        let simulator: Process
        let baseURL: String
        let notify: NotifySocket
        var daemon: Process?

        /// `readsNotifications: false` stands in for a supervisor that never reads its notify socket.
        init(simulatorArguments: [String], readsNotifications: Bool = true) async throws {
            directory = NSTemporaryDirectory() + "cablewatch-daemon-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            (simulator, baseURL) = try await ProcessHarness.startSimulator(simulatorArguments, directory: directory)
            notify = try NotifySocket(directory: directory, reading: readsNotifications)
        }

        deinit {
            if let daemon, daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) }
            simulator.terminate()
            try? FileManager.default.removeItem(atPath: directory)
        }

        /// Writes the configuration (same path every time) with the given `poll:` lines; returns its path.
        @discardableResult
        func writeConfiguration(poll: String, extra: String = "") throws -> String {
            let path = directory + "/cablewatch.yaml"
            let yaml = """
                source:
                  url: \(baseURL)
                poll:
                \(poll)http:
                  perHostDelay: 0s
                  concurrency: 4
                storage:
                  path: \(directory)/archive.sqlite3
                events:
                  log: \(directory)/events.jsonl
                \(extra)
                """
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        func start(config: String, watchdogMicroseconds: Int = 1_000_000) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ProcessHarness.executable("cablewatch"))
            process.arguments = ["run", "--config", config]
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CABLEWATCH_") }
            environment["NOTIFY_SOCKET"] = notify.path
            environment["WATCHDOG_USEC"] = String(watchdogMicroseconds)
            // Every thread's stack into the log if the test has to abort a daemon that does not stop.
            environment["SWIFT_BACKTRACE"] = "enable=yes,threads=all,interactive=no,color=no"
            process.environment = environment
            let log = directory + "/daemon.log"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            daemon = process
        }

        /// Sends SIGTERM and waits for the exit; returns the status and the seconds it took.
        func stop() async throws -> (status: Int32, seconds: Double) {
            let process = try #require(daemon)
            guard let seconds = try await ProcessHarness.signalAndTimeExit(process, SIGTERM, limit: 15) else {
                // What it was doing: a crash report still being written shows up in the log within the minute.
                let exited = try await ProcessHarness.signalAndTimeExit(process, SIGABRT, limit: 60)
                if exited == nil { kill(process.processIdentifier, SIGKILL) }
                throw HarnessError("cablewatch run still running 15 s after SIGTERM; its log:\n\(log.suffix(20_000))")
            }
            return (process.terminationStatus, seconds)
        }

        var log: String { (try? String(contentsOfFile: directory + "/daemon.log", encoding: .utf8)) ?? "" }

        func events(ofType type: String) -> [[String: Any]] {
            let text = (try? String(contentsOfFile: directory + "/events.jsonl", encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }.filter { $0["type"] as? String == type }
        }
    }

    /// A post-poll `STATUS=` line of a successful poll, which names the role (on SQLite always the leader).
    static func isPollStatus(_ message: String) -> Bool {
        message.wholeMatch(
            of: /STATUS=\d+\/\d+ released · \d+ archived · last poll \d\d:\d\d:\d\d (ok|unchanged) · 0 pending · leader/
        )
            != nil
    }

    @Test(.timeLimit(.minutes(2)))
    func aStopBetweenLongWaitsStillRecordsTheCleanStop() async throws {
        // A 15-minute interval and a 2-minute watchdog: the heartbeat waits 30 s between ticks, far longer than the
        // shutdown limit, so only a wait that ends on shutdown leaves time to write the `stoppedAt` record.
        let rig = try await Rig(simulatorArguments: ["--cables", "200", "--seed", "5", "--builds", "2", "--build", "1"])
        let config = try rig.writeConfiguration(poll: "  interval: 15m\n  jitter: 0\n")
        try rig.start(config: config, watchdogMicroseconds: 120_000_000)
        _ = try rig.notify.wait(for: "a post-poll STATUS") { Self.isPollStatus($0) }
        let (exitStatus, _) = try await rig.stop()
        #expect(exitStatus == 0, "\(rig.log)")
        #expect(!rig.log.contains("heartbeat not written"), "\(rig.log)")
        let status = try await ProcessHarness.run("cablewatch", ["status", "--config", config])
        #expect(status.output.contains("not running (pid") && status.output.contains(" stopped "), "\(status.output)")
    }

    @Test(.timeLimit(.minutes(2)))
    func startReloadAndStopSendTheSystemdMessagesInOrder() async throws {
        let rig = try await Rig(simulatorArguments: ["--cables", "300", "--seed", "5", "--builds", "3", "--build", "1"])
        let config = try rig.writeConfiguration(poll: "  interval: 30s\n  jitter: 0\n")
        try rig.start(config: config)

        let ready = try rig.notify.wait(for: "READY=1") { $0.hasPrefix("READY=1") }
        let status = try rig.notify.wait(for: "a post-poll STATUS") { Self.isPollStatus($0) }
        #expect(ready < status, "READY=1 comes when the first poll is scheduled, before its STATUS")
        #expect(rig.notify.messages[status].hasPrefix("STATUS=300/"), "\(rig.notify.messages[status])")
        try rig.notify.wait(for: "WATCHDOG=1", from: ready) { $0 == "WATCHDOG=1" }

        // Reload with a shorter interval: the polls come faster.
        try rig.writeConfiguration(poll: "  interval: 300ms\n  jitter: 0\n")
        let beforeReload = rig.notify.messages.count
        kill(try #require(rig.daemon).processIdentifier, SIGHUP)
        let reloaded = try rig.notify.wait(for: "READY=1 after reload", from: beforeReload) { $0.hasPrefix("READY=1") }
        // At 30 s no second poll would come; at 300 ms three come within seconds.
        try rig.notify.wait(for: "polls at the new interval", from: reloaded, seconds: 10) { _ in
            rig.notify.messages[reloaded...].filter { Self.isPollStatus($0) }.count >= 3
        }
        #expect(try #require(rig.daemon).isRunning, "the same process reloaded")

        let (exitStatus, seconds) = try await rig.stop()
        rig.notify.drain(waitingMilliseconds: 100)
        #expect(exitStatus == 0, "\(rig.log)")
        #expect(seconds < 10)
        #expect(
            rig.notify.lifecycle == [
                "READY=1\nSTATUS=first poll starting", "RELOADING=1\nMONOTONIC_USEC=…",
                "READY=1\nSTATUS=configuration reloaded", "STOPPING=1",
            ], "\(rig.notify.messages)")
        let verify = try await ProcessHarness.run("cablewatch", ["verify", "--config", config])
        #expect(verify.status == 0, "\(verify.output)")
        let statusCommand = try await ProcessHarness.run("cablewatch", ["status", "--config", config])
        #expect(statusCommand.status == 2, "a cleanly stopped daemon is 'not running': \(statusCommand.output)")
        #expect(statusCommand.output.contains("not running"))
    }

    @Test(.timeLimit(.minutes(2)))
    func aBadConfigurationOnHangupIsRejectedAndTheDaemonKeepsPolling() async throws {
        let rig = try await Rig(simulatorArguments: ["--cables", "200", "--seed", "6", "--builds", "2", "--build", "1"])
        let config = try rig.writeConfiguration(poll: "  interval: 500ms\n")
        try rig.start(config: config)
        try rig.notify.wait(for: "first STATUS") { Self.isPollStatus($0) }
        let status = try await ProcessHarness.run("cablewatch", ["status", "--config", config])
        #expect(status.status == 0, "a live daemon with a good poll is healthy: \(status.output)")

        try "poll:\n  interval: soon\n".write(toFile: config, atomically: true, encoding: .utf8)
        let before = rig.notify.messages.count
        kill(try #require(rig.daemon).processIdentifier, SIGHUP)
        let answer = try rig.notify.wait(for: "READY=1 after the rejected reload", from: before) {
            $0.hasPrefix("READY=1")
        }
        #expect(rig.notify.messages[answer].contains("rejected"), "\(rig.notify.messages[answer])")
        try rig.notify.wait(for: "polls after the rejected reload", from: answer, seconds: 10) { _ in
            rig.notify.messages[answer...].filter { Self.isPollStatus($0) }.count >= 2
        }
        #expect(try #require(rig.daemon).isRunning)
        #expect(rig.log.contains("configuration rejected"))
        let (exitStatus, _) = try await rig.stop()
        #expect(exitStatus == 0, "\(rig.log)")
    }

    @Test(.timeLimit(.minutes(3)))
    func sigtermDuringALargeBackfillStopsWithinTenSecondsAndTheArchiveVerifies() async throws {
        let rig = try await Rig(simulatorArguments: [
            "--cables", "5000", "--seed", "7", "--builds", "2", "--build", "1",
        ])
        let config = try rig.writeConfiguration(poll: "  interval: 1m\n")
        try rig.start(config: config)
        try rig.notify.wait(for: "READY=1") { $0.hasPrefix("READY=1") }
        // Let the backfill get going: some cables are committed, far from all of them.
        let store = rig.directory + "/archive.sqlite3"
        let deadline = Date().addingTimeInterval(60)
        var archived = 0
        while archived < 200 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(200))
            let result = try await ProcessHarness.run("cablewatch", ["status", "--config", config, "--json"])
            let object = try? JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
            archived = (object?["archive"] as? [String: Any])?["cables"] as? Int ?? 0
        }
        #expect(FileManager.default.fileExists(atPath: store))
        #expect(archived >= 200 && archived < 5_000, "stopped mid-backfill (\(archived) archived)")
        let (exitStatus, seconds) = try await rig.stop()
        #expect(exitStatus == 0, "\(rig.log)")
        #expect(seconds < 10, "stopped in \(seconds) s")
        let verify = try await ProcessHarness.run("cablewatch", ["verify", "--config", config])
        #expect(verify.status == 0, "\(verify.output)")
    }

    @Test(.timeLimit(.minutes(2)))
    func aNotifySocketNobodyReadsStallsNeitherThePollsNorTheStop() async throws {
        let rig = try await Rig(
            simulatorArguments: ["--cables", "100", "--seed", "12", "--builds", "2", "--build", "1"],
            readsNotifications: false)
        let config = try rig.writeConfiguration(poll: "  interval: 300ms\n  jitter: 0\n")
        // A watchdog ping every 10 ms fills the unread socket's queue (net.unix.max_dgram_qlen datagrams) at once.
        try rig.start(config: config, watchdogMicroseconds: 20_000)
        let queueLength =
            (try? String(contentsOfFile: "/proc/sys/net/unix/max_dgram_qlen", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 512
        try await Task.sleep(for: .seconds(1) + .milliseconds(10 * (queueLength + 10)))
        // With the queue full, the polls go on: a later poll is recorded.
        let first = try await Self.lastPollStart(config)
        let deadline = Date().addingTimeInterval(30)
        var later = first
        while later == first && Date() < deadline {
            try await Task.sleep(for: .milliseconds(200))
            later = try await Self.lastPollStart(config)
        }
        #expect(later != nil && later != first, "no poll after the notify queue filled (last at \(first ?? "none"))")
        let (exitStatus, _) = try await rig.stop()
        #expect(exitStatus == 0, "\(rig.log)")
    }

    /// When the last recorded poll started, from `status --json`.
    static func lastPollStart(_ config: String) async throws -> String? {
        let result = try await ProcessHarness.run("cablewatch", ["status", "--config", config, "--json"])
        let object = try? JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        return (object?["lastPoll"] as? [String: Any])?["startedAt"] as? String
    }

    @Test(.timeLimit(.minutes(2)))
    func aSourceDownForSeveralPollsGivesOneUnreachableThenOneRecovered() async throws {
        let rig = try await Rig(simulatorArguments: ["--cables", "100", "--seed", "8", "--builds", "2", "--build", "1"])
        let config = try rig.writeConfiguration(poll: "  interval: 300ms\n  failuresBeforeAlert: 2\n")
        try rig.start(config: config)
        try rig.notify.wait(for: "first STATUS") { Self.isPollStatus($0) }

        _ = try await ProcessHarness.curl(
            rig.baseURL + "/_sim/fault?kind=status503&path=/cablegate.html&retryAfter=0", method: "POST")
        let failing = rig.notify.messages.count
        try rig.notify.wait(for: "four failed polls", from: failing, seconds: 30) { _ in
            rig.notify.messages[failing...].filter { $0.contains(" failed (") }.count >= 4
        }
        #expect(rig.events(ofType: "source.unreachable").count == 1)
        let status = try await ProcessHarness.run("cablewatch", ["status", "--config", config])
        #expect(status.status == 2, "failing at or above the threshold: \(status.output)")

        _ = try await ProcessHarness.curl(rig.baseURL + "/_sim/fault/clear", method: "POST")
        let cleared = rig.notify.messages.count
        try rig.notify.wait(for: "three good polls", from: cleared, seconds: 30) { _ in
            rig.notify.messages[cleared...].filter { Self.isPollStatus($0) }.count >= 3
        }
        #expect(rig.events(ofType: "source.unreachable").count == 1)
        #expect(rig.events(ofType: "source.recovered").count == 1)
        let unreachable = rig.events(ofType: "source.unreachable").first?["seq"] as? Int ?? 0
        let recovered = rig.events(ofType: "source.recovered").first?["seq"] as? Int ?? 0
        #expect(unreachable < recovered)
        let healthy = try await ProcessHarness.run("cablewatch", ["status", "--config", config])
        #expect(healthy.status == 0, "\(healthy.output)")
        let (exitStatus, _) = try await rig.stop()
        #expect(exitStatus == 0)
    }

    @Test(.timeLimit(.minutes(2)))
    func aPollOverrunningItsTimeoutIsCancelledAndTheDaemonCarriesOn() async throws {
        let rig = try await Rig(simulatorArguments: [
            "--cables", "200", "--seed", "10", "--builds", "2", "--build", "1", "--fault", "slow:/cable/",
            "--slow-ms", "3000",
        ])
        let config = try rig.writeConfiguration(poll: "  interval: 300ms\n  timeout: 1s\n  failuresBeforeAlert: 5\n")
        try rig.start(config: config)
        let overran = try rig.notify.wait(for: "a poll cancelled at poll.timeout", seconds: 20) {
            $0.hasPrefix("STATUS=") && $0.contains("failed (poll overran")
        }
        try rig.notify.wait(for: "the next attempt", from: overran + 1, seconds: 20) {
            $0.hasPrefix("STATUS=") && $0.contains("failed (")
        }
        #expect(try #require(rig.daemon).isRunning)
        let (exitStatus, seconds) = try await rig.stop()
        #expect(exitStatus == 0, "\(rig.log)")
        #expect(seconds < 10)
        let verify = try await ProcessHarness.run("cablewatch", ["verify", "--config", config])
        #expect(verify.status == 0, "\(verify.output)")
        // The cancelled poll is recorded with the requests it made before the limit (home page, listings).
        let recorded = try await ProcessHarness.runProgram(
            "/usr/bin/sqlite3",
            [
                "-readonly", rig.directory + "/archive.sqlite3",
                "SELECT requests FROM pollRun WHERE error LIKE '%poll.timeout%' ORDER BY id LIMIT 1",
            ])
        #expect(recorded.status == 0, "\(recorded.output)")
        #expect((Int(recorded.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) >= 2, "\(recorded.output)")
    }
}
