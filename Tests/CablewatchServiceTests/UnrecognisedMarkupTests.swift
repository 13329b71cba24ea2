import CablegateSim
import CablewatchCore
import Foundation
import Testing

@testable import CablewatchService

/// Markup the parser does not know is an alert and a failing status, never an "ok" poll that archives nothing.
@Suite(.serialized) struct UnrecognisedMarkupTests {
    /// A backed-up source, then a new build whose pages `fault` rewrites.
    func sourceWithBaseline() async throws -> SimulatedSource {
        let source = try SimulatedSource(cables: 300, builds: 4, revalidate: .zero)
        _ = try #require(await source.poll().value)
        _ = try #require(source.server.advance())
        return source
    }

    @Test(arguments: [
        // A sidebar whose release days sit under a heading this version does not know.
        ("/cablegate.html", "Browse latest releases", "Newest releases", "links no release day"),
        // A listing page without its listing table.
        ("/reldate/", "<table class='cable'>", "<table class='rows'>", "Subject column"),
        // A cable page without its cable.
        ("/cable/", "<table class='cable'>", "<table class='meta'>", "no metadata table"),
    ])
    func unknownMarkupFailsThePollOnceLoudlyAndRemovesNothing(
        path: String, find: String, replacement: String, detail: String
    ) async throws {
        let source = try await sourceWithBaseline()
        defer { source.shutdown() }
        let before = try await source.archivedHashes()
        source.server.addFault(.rewrite(path, find, with: replacement))

        let failed = try #require(await source.poll().failure, "the poll must fail on unknown markup")
        #expect("\(failed)".hasPrefix("unrecognised markup (http://127.0.0.1:"), "\(failed)")
        #expect("\(failed)".contains(detail), "\(failed)")
        #expect(!"\(failed)".contains("\n"))
        #expect(try await source.verdict() == .failing, "one such poll is enough to fail the status")
        let problem = try #require(try await source.store.status().problems.unrecognisedMarkup)
        #expect(problem.url.contains(path == "/cablegate.html" ? "/cablegate.html" : path), "\(problem.url)")
        var anomalies = try await source.anomalies(kind: "unrecognisedMarkup")
        #expect(anomalies.count == 1)
        #expect((anomalies.first?["url"] as? String)?.contains(path) == true, "\(anomalies)")
        let during = try await source.archivedHashes()
        #expect(Set(during.keys).isSuperset(of: before.keys), "nothing is removed")
        let removals = try await source.store.events(afterSeq: 0).filter { $0.type == "cable.removed" }
        #expect(removals.isEmpty)

        // Still broken: the next poll fails too, without a second alert.
        #expect(await source.poll().failure != nil)
        anomalies = try await source.anomalies(kind: "unrecognisedMarkup")
        #expect(anomalies.count == 1)

        source.server.clearFaults()
        let healed = await source.poll()
        #expect(healed.value != nil, "\(String(describing: healed.failure))")
        #expect(try await source.store.status().problems == SourceProblems())
        #expect(try await source.verdict() == .ok)
        #expect(try await source.archivedHashes() == source.releasedHashes())
    }

    @Test func aCounterAboveTheListingsKeepsStatusDegradedWithBothNumbersUntilTheyAgree() async throws {
        let source = try await sourceWithBaseline()
        defer { source.shutdown() }
        let released = source.site.counter.released
        source.server.addFault(
            .rewrite("/cablegate.html", "so far... \(released) ", with: "so far... \(released + 6) "))

        let partial = await source.poll()
        #expect(partial.value?.counter?.released == released + 6, "\(String(describing: partial.failure))")
        let gap = try #require(try await source.store.status().problems.countAboveListings)
        #expect(gap.counter == released + 6 && gap.listed == released)
        #expect(try await source.verdict() == .degraded)
        #expect(try await source.archivedHashes() == source.releasedHashes(), "the listings are archived")
        #expect(try await source.store.status().problems.lines.first?.contains("\(released + 6)") == true)

        source.server.clearFaults()
        #expect(await source.poll().value != nil)
        #expect(try await source.store.status().problems == SourceProblems())
        #expect(try await source.verdict() == .ok)
    }

    @Test func theCommandLineSaysSoInOneLineAndStatusIsFailing() async throws {
        let directory = NSTemporaryDirectory() + "cablewatch-markup-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (simulator, baseURL) = try await ProcessHarness.startSimulator(
            ["--cables", "200", "--seed", "5", "--builds", "3"], directory: directory)
        defer { simulator.terminate() }
        let config = try ProcessHarness.writeConfiguration(directory: directory, sourceURL: baseURL)
        #expect(try await ProcessHarness.run("cablewatch", ["poll", "--config", config]).status == 0)

        _ = try await ProcessHarness.curl(
            baseURL + "/_sim/fault?kind=rewrite&path=/cablegate.html&find=Browse%20latest%20releases&replace=Latest",
            method: "POST")
        let poll = try await ProcessHarness.run("cablewatch", ["poll", "--config", config])
        #expect(poll.status != 0)
        let lines = poll.output.split(separator: "\n")
        #expect(lines.count == 1, "one clear line: \(poll.output)")
        #expect(poll.output.contains("unrecognised markup (\(baseURL)/cablegate.html)"), "\(poll.output)")

        let status = try await ProcessHarness.run("cablewatch", ["status", "--config", config])
        #expect(status.status == 2, "\(status.output)")
        #expect(status.output.contains("problem:  unrecognised markup since"), "\(status.output)")
        #expect(status.output.contains("health:   failing"), "\(status.output)")
        let json = try await ProcessHarness.run("cablewatch", ["status", "--config", config, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        let problems = object?["problems"] as? [String: Any]
        let markup = problems?["unrecognisedMarkup"] as? [String: Any]
        #expect(markup?["url"] as? String == baseURL + "/cablegate.html", "\(json.output)")
    }
}
