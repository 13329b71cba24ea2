import Foundation
import Testing

/// The `cablewatch` executable end to end: every read command on an archive built from the simulator.
@Suite(.serialized) struct CommandLineTests {
    @Test func readCommandsShowTheArchiveAndFailWithOneLineReasons() async throws {
        let directory = NSTemporaryDirectory() + "cablewatch-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (simulator, baseURL) = try await ProcessHarness.startSimulator(
            ["--cables", "300", "--seed", "9", "--builds", "6"], directory: directory)
        defer { simulator.terminate() }
        let config = try ProcessHarness.writeConfiguration(directory: directory, sourceURL: baseURL, revalidate: "0s")
        func cablewatch(_ arguments: String...) async throws -> (status: Int32, output: String) {
            try await ProcessHarness.run("cablewatch", [arguments[0], "--config", config] + arguments.dropFirst())
        }

        #expect(try await cablewatch("status").status == 2, "no poll yet: failing")
        var changedId: String?
        for _ in 0..<5 {
            #expect(try await cablewatch("poll").status == 0)
            let advance = try JSONSerialization.jsonObject(
                with: await ProcessHarness.curl(baseURL + "/_sim/advance", method: "POST"))
            let changes = (advance as? [String: Any])?["changes"] as? [String: Any]
            let changed = changes?["changed"] as? [[String: Any]] ?? []
            changedId = changedId ?? changed.first { $0["whitespaceOnly"] as? Bool == false }?["referenceId"] as? String
        }
        #expect(try await cablewatch("poll").status == 0)

        let status = try await cablewatch("status", "--json")
        #expect(status.status == 0)
        let statusObject = try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any]
        #expect((statusObject?["source"] as? [String: Any])?["released"] as? Int != nil)
        #expect((statusObject?["archive"] as? [String: Any])?["cables"] as? Int != nil)
        #expect((statusObject?["lastPoll"] as? [String: Any])?["outcome"] as? String == "ok")
        #expect(((statusObject?["events"] as? [String: Any])?["lastSeq"] as? Int ?? 0) > 0)

        // `--config` may also come before the command, nested commands included.
        let leading = try await ProcessHarness.run("cablewatch", ["--config", config, "status", "--json"])
        #expect(leading.status == 0 && leading.output.contains("\"lastSeq\""), "\(leading.output)")
        let nested = try await ProcessHarness.run("cablewatch", ["--config=\(config)", "config", "check"])
        #expect(nested.status == 0, "\(nested.output)")

        let list = try await cablewatch("list", "--limit", "5", "--json")
        let rows = try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]] ?? []
        #expect(rows.count == 5)
        let first = try #require(rows.first?["referenceId"] as? String)
        let show = try await cablewatch("show", first)
        #expect(show.status == 0 && show.output.contains("Reference ID:   \(first)"))

        let id = try #require(changedId, "the schedule changed some cable's text")
        let history = try await cablewatch("history", id)
        #expect(history.output.split(separator: "\n").count >= 2, "\(history.output)")
        let diff = try await cablewatch("diff", id)
        #expect(diff.output.hasPrefix("--- \(id) r1\n+++ \(id) r2\n@@"), "\(diff.output)")

        let word = try #require(
            show.output.split(separator: "\n").last?.split(separator: " ").first {
                $0.count > 5 && $0.allSatisfy(\.isLetter)
            })
        let search = try await cablewatch("search", String(word), "--json")
        #expect(search.status == 0 && search.output.contains("referenceId"), "\(search.output)")

        let csv = try await cablewatch("export", "--format", "csv")
        #expect(csv.status == 0)
        #expect(csv.output.hasPrefix("\"1\",\""))
        let export = try await cablewatch("export", "--format", "jsonl")
        let exported = export.output.split(separator: "\n")
        let counted = (statusObject?["archive"] as? [String: Any])?["cables"] as? Int
        #expect(exported.count == counted)

        let parse = try await ProcessHarness.run("cablewatch", ["parse", baseURL + "/index.html", "--json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(parse.output.utf8)) as? [String: Any]
        #expect((parsed?["counter"] as? [String: Any])?["total"] as? Int == 300)
        #expect(((parsed?["releaseDays"] as? [String])?.count ?? 0) >= 5)

        try Data("<html><body>no cable here</body>".utf8).write(to: URL(fileURLWithPath: directory + "/bad.html"))
        let bad = try await ProcessHarness.run("cablewatch", ["parse", directory + "/bad.html"])
        #expect(bad.status != 0)
        #expect(bad.output.split(separator: "\n").count == 1, "one-line reason: \(bad.output)")

        let missing = try await cablewatch("show", "NOPE")
        #expect(missing.status == 1 && missing.output.contains("NOPE is not in the archive"))
        let verify = try await cablewatch("verify")
        #expect(verify.status == 0, "\(verify.output)")

        try "source:\n  url: http://x\npoll:\n  intervall: 5m\n".write(
            toFile: directory + "/bad.yaml", atomically: true, encoding: .utf8)
        let badConfig = try await ProcessHarness.run(
            "cablewatch", ["config", "check", "--config", directory + "/bad.yaml"])
        #expect(badConfig.status == 1)
        #expect(badConfig.output.contains("poll.intervall"), "\(badConfig.output)")
    }
}
