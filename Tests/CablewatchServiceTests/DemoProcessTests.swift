import Foundation
import Testing

/// The real `cablewatch demo`, which runs `cablewatch-demo` from beside it: an in-process simulated source, archive
/// and signature-checking webhook receiver, run to its end and stopped by a signal.
@Suite(.serialized) struct DemoProcessTests {
    /// The value after `label` on the first output line that starts with it.
    static func value(after label: String, in output: String) -> String? {
        output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix(label) }
            .map { String($0.dropFirst(label.count)).trimmingCharacters(in: .whitespaces) }
    }

    @Test(.timeLimit(.minutes(1)))
    func demoTracksEveryBuildDeliversVerifiedAlertsAndLeavesAUsableArchive() async throws {
        let (status, output) = try await ProcessHarness.run(
            "cablewatch",
            ["demo", "--cables", "300", "--builds", "3", "--interval", "1", "--seed", "7", "--exit-after-last-build"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("baseline complete: "), "\(output)")
        let published = output.split(separator: "\n").filter { $0.hasPrefix("build ") && $0.contains(" published ") }
        #expect(published.count == 2, "builds 2 and 3 after the baseline at build 1: \(output)")
        #expect(output.contains("alert ✓ release.progress"), "a verified alert per release: \(output)")
        #expect(output.contains("alert ✓ sync.baseline"), "\(output)")
        #expect(!output.contains("alert ✗"), "every request's signature verifies: \(output)")

        // The source's final counter, from the last published build: "build 3/3 published (DAY): R/T released, …".
        let last = try #require(published.last)
        let counter = try #require(last.firstMatch(of: /: (\d+)\/(\d+) released/))
        let released = try #require(Int(counter.1))

        let config = try #require(Self.value(after: "config:", in: output))
        let archive = try #require(Self.value(after: "archive:", in: output))
        #expect(FileManager.default.fileExists(atPath: archive))
        #expect(output.contains("status --config \(config)"), "the commands to try: \(output)")
        defer {
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: config).deletingLastPathComponent().path)
        }

        let statusRun = try await ProcessHarness.run("cablewatch", ["status", "--json", "--config", config])
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(statusRun.output.utf8)) as? [String: Any], "\(statusRun.output)"
        )
        let archived = try #require(json["archive"] as? [String: Any])
        let source = try #require(json["source"] as? [String: Any])
        #expect(archived["cables"] as? Int == released, "\(statusRun.output)")
        #expect(source["released"] as? Int == released, "\(statusRun.output)")
        let deliveries = try #require(json["deliveries"] as? [String: Any])
        #expect(deliveries["pending"] as? Int == 0, "every alert was delivered before the demo stopped")
    }

    @Test(.timeLimit(.minutes(1)))
    func sigintStopsTheDemoCleanlyAndPrintsWhereTheArchiveIs() async throws {
        let directory = NSTemporaryDirectory() + "cablewatch-demo-test-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = try ProcessHarness.start(
            "cablewatch", ["demo", "--cables", "200", "--builds", "20", "--interval", "1"], directory: directory,
            logName: "demo")
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        func log() -> String { (try? String(contentsOfFile: directory + "/demo.log", encoding: .utf8)) ?? "" }

        let started = Date()
        while !log().contains("published") && Date().timeIntervalSince(started) < 20 {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(log().contains("build 2/20 published"), "\(log())")
        let stopSeconds = try await ProcessHarness.signalAndTimeExit(process, SIGINT, limit: 12)
        #expect(stopSeconds != nil, "the demo stops on SIGINT")
        #expect(!process.isRunning && process.terminationStatus == 0, "\(log())")
        #expect((stopSeconds ?? 12) < 10)
        let output = log()
        #expect(output.contains("Try ("), "\(output)")
        let folder = try #require(Self.value(after: "folder:", in: output))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(folder.contains("cablewatch-demo-"))
        #expect(FileManager.default.fileExists(atPath: folder + "/archive.sqlite3"))
        #expect(FileManager.default.fileExists(atPath: folder + "/cablewatch.yaml"))
    }

    @Test func withoutCablewatchDemoBesideItTheDemoNamesTheMissingFile() async throws {
        let directory = NSTemporaryDirectory() + "cablewatch-demo-missing-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The running executable's folder, as /proc/self/exe names it.
        let folder = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        try FileManager.default.copyItem(
            atPath: ProcessHarness.executable("cablewatch"), toPath: folder + "/cablewatch")

        let (status, output) = try await ProcessHarness.runProgram(folder + "/cablewatch", ["demo", "--cables", "10"])
        #expect(status == 1)
        #expect(
            output
                == "cablewatch: demo: \(folder)/cablewatch-demo is missing; `cablewatch demo` runs it "
                + "(scripts/install.sh installs it beside cablewatch)\n")
    }
}
