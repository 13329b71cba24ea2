import Foundation
import Testing

/// `cablewatch events --follow` into a pipe, as `| jq` reads it: each line arrives when it is committed, and
/// SIGTERM ends the command without losing or cutting a line.
@Suite(.serialized) struct EventsFollowTests {
    @Test(.timeLimit(.minutes(2)))
    func followedEventsReachThePipeAtOnceAndSurviveSigterm() async throws {
        let directory = NSTemporaryDirectory() + "cablewatch-follow-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (simulator, baseURL) = try await ProcessHarness.startSimulator(
            ["--cables", "200", "--seed", "12", "--builds", "4", "--build", "1"], directory: directory)
        defer { simulator.terminate() }
        let config = try ProcessHarness.writeConfiguration(directory: directory, sourceURL: baseURL)
        #expect(try await ProcessHarness.run("cablewatch", ["poll", "--config", config]).status == 0)
        let committed = try await Self.lastSeq(config)
        #expect(committed > 0)

        let follower = Process()
        follower.executableURL = URL(fileURLWithPath: ProcessHarness.executable("cablewatch"))
        follower.arguments = ["events", "--follow", "--config", config]
        let pipe = Pipe()
        follower.standardOutput = pipe
        follower.standardError = FileHandle.nullDevice
        try follower.run()
        let output = PipeCollector(pipe.fileHandleForReading)
        // A few hundred bytes: block-buffered, they stayed in the process until it exited.
        try await output.wait(for: "the \(committed) committed events") { $0.count == committed }

        _ = try await ProcessHarness.curl(baseURL + "/_sim/advance", method: "POST")
        #expect(try await ProcessHarness.run("cablewatch", ["poll", "--config", config]).status == 0)
        let later = try await Self.lastSeq(config)
        #expect(later > committed, "the release made events")
        try await output.wait(for: "the events of the next poll") { $0.count == later }

        kill(follower.processIdentifier, SIGTERM)
        try await ProcessHarness.waitForExit(follower)
        #expect(follower.terminationReason == .exit && follower.terminationStatus == 0, "stopped cleanly")
        try await output.wait(for: "the end of the pipe") { _ in output.isAtEnd }
        #expect(output.text.hasSuffix("\n"), "no line cut in half")
        let seqs = try output.lines.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return try #require(object?["seq"] as? Int)
        }
        #expect(seqs == Array(1...later))
    }

    /// The archive's last event `seq`, from `status --json`.
    static func lastSeq(_ config: String) async throws -> Int {
        let status = try await ProcessHarness.run("cablewatch", ["status", "--config", config, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any]
        return try #require((object?["events"] as? [String: Any])?["lastSeq"] as? Int)
    }
}
