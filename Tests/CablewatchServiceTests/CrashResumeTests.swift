import Foundation
import Testing

/// `kill -9` at random moments of a large backfill: every restart resumes, and the end state is exact, with no
/// duplicate and no missing event.
@Suite(.serialized) struct CrashResumeTests {
    @Test(.timeLimit(.minutes(10)))
    func aBackfillKilledTwentyTimesEndsExactWithAnIntactEventChain() async throws {
        let directory = NSTemporaryDirectory() + "cablewatch-crash-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cables = Int(ProcessInfo.processInfo.environment["CRASH_TEST_CABLES"] ?? "") ?? 20_000
        let (simulator, baseURL) = try await ProcessHarness.startSimulator(
            ["--cables", "\(cables)", "--seed", "11", "--builds", "2", "--build", "1"], directory: directory)
        defer { simulator.terminate() }
        let config = try ProcessHarness.writeConfiguration(directory: directory, sourceURL: baseURL)

        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for _ in 0..<20 {
            let poll = try ProcessHarness.start(
                "cablewatch", ["poll", "--config", config], directory: directory, logName: "poll")
            try await Task.sleep(for: .milliseconds(Int.random(in: 150...3_000, using: &generator)))
            if poll.isRunning {
                kill(poll.processIdentifier, SIGKILL)
                kills += 1
            }
            try await ProcessHarness.waitForExit(poll)
        }
        #expect(kills >= 15, "most runs were killed mid-backfill (\(kills))")

        let final = try await ProcessHarness.run("cablewatch", ["poll", "--config", config, "--json"])
        #expect(final.status == 0, "\(final.output)")

        // The archive is exactly the source's released set.
        let state = try JSONSerialization.jsonObject(with: try await ProcessHarness.curl(baseURL + "/_sim/state"))
        let released = try #require((state as? [String: Any])?["cables"] as? [[String: Any]])
        var expected: [String: String] = [:]
        for cable in released {
            expected[cable["referenceId"] as? String ?? ""] = cable["contentSHA256"] as? String
        }
        #expect(expected.count == cables)
        let export = try await ProcessHarness.run("cablewatch", ["export", "--config", config, "--format", "jsonl"])
        #expect(export.status == 0)
        var archived: [String: String] = [:]
        for line in export.output.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            archived[object?["referenceId"] as? String ?? ""] = object?["contentSHA256"] as? String
        }
        #expect(archived == expected)

        let verify = try await ProcessHarness.run("cablewatch", ["verify", "--config", config])
        #expect(verify.status == 0, "\(verify.output)")

        // Events: one baseline, contiguous seq, unique ids, and the log file holds each seq exactly once.
        let events = try await ProcessHarness.run("cablewatch", ["events", "--config", config])
        let lines = events.output.split(separator: "\n").map(String.init)
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        let seqs = objects.compactMap { ($0["seq"] as? NSNumber)?.int64Value }
        #expect(seqs == Array(1...Int64(max(1, seqs.count))))
        #expect(Set(objects.compactMap { $0["id"] as? String }).count == objects.count)
        #expect(objects.filter { $0["type"] as? String == "sync.baseline" }.count == 1)
        let logLines = try String(contentsOfFile: directory + "/events.jsonl", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(logLines == lines, "the event log file equals the outbox, line for line")

        // With the whole release archived and nothing changed, a poll costs exactly one request.
        _ = try await ProcessHarness.curl(baseURL + "/_sim/stats/reset", method: "POST")
        let idle = try await ProcessHarness.run("cablewatch", ["poll", "--config", config, "--json"])
        #expect(idle.status == 0)
        let stats = try JSONSerialization.jsonObject(with: try await ProcessHarness.curl(baseURL + "/_sim/stats"))
        #expect((stats as? [String: Any])?["total"] as? Int == 1, "\(stats)")
    }
}
