import Foundation
import Testing

/// The `cablewatch` executable on a real PostgreSQL archive: `poll` fills it from the simulator, and every read
/// command answers as it does on an SQLite archive polled from the same site at the same builds.
@Suite(.serialized) struct PostgresCommandLineTests {
    /// An export or list row without the times of the poll that wrote it (the two archives were polled moments
    /// apart).
    static func withoutTimes(_ object: Any?) -> [String: String] {
        let times: Set<String> = ["fetchedAt", "firstSeenAt", "removedAt"]
        guard let object = object as? [String: Any] else { return [:] }
        return object.filter { !times.contains($0.key) }.mapValues { "\($0)" }
    }

    static func array(_ output: String) throws -> [[String: String]] {
        (try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Any] ?? []).map(withoutTimes)
    }

    static func rows(_ output: String) throws -> [[String: String]] {
        try output.split(separator: "\n").map { withoutTimes(try JSONSerialization.jsonObject(with: Data($0.utf8))) }
    }

    @Test(.enabled(if: PostgresTestServer.isInstalled, "the PostgreSQL server (Debian's postgresql) is not installed"))
    func readCommandsAnswerOnPostgreSQLAsOnSQLite() async throws {
        try await PostgresTestServer.withDatabase { server in
            let directory = NSTemporaryDirectory() + "cablewatch-pg-cli-\(UUID().uuidString)"
            for backend in ["sqlite", "pg"] {
                try FileManager.default.createDirectory(
                    atPath: directory + "/" + backend, withIntermediateDirectories: true)
            }
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let (simulator, baseURL) = try await ProcessHarness.startSimulator(
                ["--cables", "120", "--seed", "11", "--builds", "3"], directory: directory)
            defer { simulator.terminate() }
            let sqlite = try ProcessHarness.writeConfiguration(
                directory: directory + "/sqlite", sourceURL: baseURL, revalidate: "0s")
            let pg = try ProcessHarness.writeConfiguration(
                directory: directory + "/pg", sourceURL: baseURL, revalidate: "0s", storageURL: server.location)
            func cablewatch(_ config: String, _ arguments: String...) async throws -> (status: Int32, output: String) {
                try await ProcessHarness.run(
                    "cablewatch", [arguments[0], "--config", config] + arguments.dropFirst())
            }

            #expect(try await cablewatch(pg, "status").status == 2, "no archive yet: failing")
            for build in 0..<3 {
                for config in [sqlite, pg] {
                    let poll = try await cablewatch(config, "poll")
                    #expect(poll.status == 0, "build \(build), \(config): \(poll.output)")
                }
                if build < 2 { _ = try await ProcessHarness.curl(baseURL + "/_sim/advance", method: "POST") }
            }

            for arguments in [["list", "--limit", "1000", "--json"], ["export", "--format", "jsonl"]] {
                let onSQLite = try await ProcessHarness.run(
                    "cablewatch", [arguments[0], "--config", sqlite] + arguments.dropFirst())
                let onPostgres = try await ProcessHarness.run(
                    "cablewatch", [arguments[0], "--config", pg] + arguments.dropFirst())
                #expect(onPostgres.status == 0, "\(onPostgres.output)")
                // Parsed on a thread of its own: the cooperative pool is shared with every other test.
                let isList = arguments[0] == "list"
                let (expected, found) = try await offThePool {
                    isList
                        ? (try Self.array(onSQLite.output), try Self.array(onPostgres.output))
                        : (try Self.rows(onSQLite.output), try Self.rows(onPostgres.output))
                }
                #expect(found.count > 50, "\(arguments[0])")
                #expect(found == expected, "\(arguments[0]) differs")
            }
            let csv = try await cablewatch(pg, "export", "--format", "csv")
            #expect(csv.status == 0 && csv.output.hasPrefix("\"1\",\""))

            let statusSQLite =
                try JSONSerialization.jsonObject(
                    with: Data(try await cablewatch(sqlite, "status", "--json").output.utf8)) as? [String: Any]
            let statusResult = try await cablewatch(pg, "status", "--json")
            #expect(statusResult.status == 0, "\(statusResult.output)")
            let status = try JSONSerialization.jsonObject(with: Data(statusResult.output.utf8)) as? [String: Any]
            #expect(
                status?["archive"] as? [String: Int] == statusSQLite?["archive"] as? [String: Int],
                "the same cables, removals and revisions")
            #expect(
                (status?["events"] as? [String: Int])?["lastSeq"]
                    == (statusSQLite?["events"] as? [String: Int])?["lastSeq"])
            #expect((status?["source"] as? [String: Any])?["released"] as? Int != nil)
            #expect((status?["lastPoll"] as? [String: Any])?["outcome"] as? String == "ok")

            let first = try #require(
                (try JSONSerialization.jsonObject(with: Data(try await cablewatch(pg, "list", "--json").output.utf8))
                    as? [[String: Any]])?.first?["referenceId"] as? String)
            for command in ["show", "diff"] {
                let onSQLite = try await cablewatch(sqlite, command, first)
                let onPostgres = try await cablewatch(pg, command, first)
                #expect(onPostgres.status == onSQLite.status, "\(command): \(onPostgres.output)")
                #expect(onPostgres.output == onSQLite.output, "\(command) differs")
            }
            let revisions = { (output: String) throws -> [[String: String]] in
                (try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Any] ?? []).map(Self.withoutTimes)
            }
            let historySQLite = try revisions(try await cablewatch(sqlite, "history", first, "--json").output)
            let historyPostgres = try revisions(try await cablewatch(pg, "history", first, "--json").output)
            #expect(!historyPostgres.isEmpty && historyPostgres == historySQLite)
            let show = try await cablewatch(pg, "show", first)
            let word = try #require(
                show.output.split(separator: "\n").last?.split(separator: " ").first {
                    $0.count > 5 && $0.allSatisfy(\.isLetter)
                })
            let hits = { (output: String) throws -> Set<String> in
                Set(
                    (try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] ?? [])
                        .compactMap { $0["referenceId"] as? String })
            }
            let searchSQLite = try hits(
                try await cablewatch(sqlite, "search", String(word), "--limit", "1000", "--json").output)
            let searchPostgres = try await cablewatch(pg, "search", String(word), "--limit", "1000", "--json")
            #expect(searchPostgres.status == 0, "\(searchPostgres.output)")
            #expect(try hits(searchPostgres.output) == searchSQLite)
            #expect(searchSQLite.contains(first))

            let verify = try await cablewatch(pg, "verify")
            #expect(verify.status == 0 && verify.output.contains("clean"), "\(verify.output)")
            let events = try await cablewatch(pg, "events")
            #expect(events.status == 0 && events.output.split(separator: "\n").count > 1)
            let deliveries = try await cablewatch(pg, "deliveries", "--json")
            #expect(deliveries.status == 0, "\(deliveries.output)")
        }
    }
}
