import Foundation
import Testing

/// What the `cablewatch` and `cablegate-sim` executables answer to input they cannot use, and `--version`.
@Suite(.serialized) struct CommandLineValidationTests {
    /// An archive with one poll in it, its configuration, and a way to run commands on it.
    final class Archive {
        let directory: String
        let simulator: Process
        let config: String

        init() async throws {
            directory = NSTemporaryDirectory() + "cablewatch-validation-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let baseURL: String
            (simulator, baseURL) = try await ProcessHarness.startSimulator(
                ["--cables", "100", "--seed", "21", "--builds", "2", "--build", "1"], directory: directory)
            config = try ProcessHarness.writeConfiguration(directory: directory, sourceURL: baseURL)
            let poll = try await ProcessHarness.run("cablewatch", ["poll", "--config", config])
            guard poll.status == 0 else { throw HarnessError("poll failed: \(poll.output)") }
        }

        deinit {
            simulator.terminate()
            try? FileManager.default.removeItem(atPath: directory)
        }

        func run(_ arguments: String...) async throws -> (status: Int32, output: String) {
            try await ProcessHarness.run("cablewatch", [arguments[0], "--config", config] + arguments.dropFirst())
        }
    }

    @Test func aDateThatIsNotYearMonthDayIsAUsageError() async throws {
        let archive = try await Archive()
        for bad in ["yesterday", "2011-4-28", "28/04/2011", "2011-02-30", "2011-04-28T10:00:00Z"] {
            let list = try await archive.run("list", "--since", bad)
            #expect(list.status == 64, "list --since \(bad): \(list.output)")
            #expect(
                list.output.hasPrefix("Error: --since \(bad): expected a date as YYYY-MM-DD, e.g. 2011-04-28\n"),
                "\(list.output)")
        }
        let good = try await archive.run("list", "--since", "2000-01-01", "--json")
        #expect(good.status == 0)
        let rows = try JSONSerialization.jsonObject(with: Data(good.output.utf8)) as? [[String: Any]]
        #expect((rows?.count ?? 0) > 0, "a valid date still lists: \(good.output)")

        let redeliver = try await archive.run("redeliver", "--failed", "--since", "last week")
        #expect(redeliver.status == 64, "\(redeliver.output)")
        #expect(redeliver.output.hasPrefix("Error: --since last week: expected 2011-04-28 or 2011-04-28T10:00:00Z"))
        #expect(try await archive.run("redeliver", "--failed", "--since", "2011-04-28").status == 0)
    }

    @Test func aMalformedSearchQueryGetsAOneLineHintWithoutSQLiteOrThePath() async throws {
        let archive = try await Archive()
        for query in ["foo AND", "\"unterminated", "nosuchcolumn:word", "(a OR"] {
            let search = try await archive.run("search", query)
            #expect(search.status == 64, "\(query): \(search.output)")
            #expect(
                search.output
                    == "cablewatch: search: cannot read the query '\(query)': use words, \"a phrase\", prefix*, AND/OR/NOT\n"
            )
            #expect(!search.output.contains(archive.directory))
        }
        #expect(try await archive.run("search", "embassy OR \"the\" OR emb*").status == 0)
    }

    @Test func bothExecutablesNameTheCommitTheyWereBuiltFrom() async throws {
        // scripts/test.sh builds with BUILD_COMMIT set; a plain `swift build` says "unknown commit".
        let commit = ProcessInfo.processInfo.environment["BUILD_COMMIT"]
        for name in ["cablewatch", "cablegate-sim"] {
            let version = try await ProcessHarness.run(name, ["--version"])
            #expect(version.status == 0)
            if let commit {
                #expect(version.output == "\(name) \(commit)\n")
            } else {
                #expect(
                    version.output.wholeMatch(of: /(cablewatch|cablegate-sim) (unknown commit|[0-9A-Za-z._-]+)\n/)
                        != nil, "\(version.output)")
                #expect(version.output.hasPrefix(name + " "))
            }
        }
    }
}
