import CablegateSim
import CablewatchCore
import Foundation
import Testing

@testable import CablewatchService

/// A release lands while the poll walks a day's listing pages, and it takes rows off that day (its changed cables
/// move to the new release day), so the day has fewer pages than page 0 said: the batch of later pages comes back
/// short or 404. The pure resolution is `ListingBatchTests`; this is the whole path against the simulator.
@Suite struct ShrinkingDayTests {
    /// Where such a release happens in a simulated history: the build before it, and the day that loses a page.
    struct Scenario {
        var seed: UInt64
        var build: Int
        var day: String
        var pagesBefore: Int
        var pagesAfter: Int
    }

    static let cables = 1_500
    static let builds = 8

    /// The first (seed, build, day) whose day has at least three listing pages and loses one in the next build.
    static func findScenario() -> Scenario? {
        func pages(_ rows: Int) -> Int { max(1, (rows + 49) / 50) }  // the simulator lists 50 rows a page
        for seed in UInt64(1)...30 {
            let site = SimSite(configuration: SimSiteConfiguration(cables: cables, seed: seed, builds: builds))
            for build in 1..<site.lastBuild {
                let before = Dictionary(grouping: site.releasedCables(atBuild: build), by: \.released)
                let after = Dictionary(grouping: site.releasedCables(atBuild: build + 1), by: \.released)
                for (day, rows) in before.sorted(by: { $0.key < $1.key }) where pages(rows.count) >= 3 {
                    let remaining = after[day]?.count ?? 0
                    if pages(remaining) < pages(rows.count) {
                        return Scenario(
                            seed: seed, build: build, day: day, pagesBefore: pages(rows.count),
                            pagesAfter: pages(remaining))
                    }
                }
            }
        }
        return nil
    }

    /// A simulated source at the scenario's build, before the release that shortens its day.
    static func source(at scenario: Scenario) throws -> SimulatedSource {
        let source = try SimulatedSource(cables: cables, builds: builds, seed: scenario.seed, revalidate: .zero)
        source.site.setBuild(scenario.build)
        return source
    }

    /// The reference IDs of the committed events of one type after `afterSeq`, in order; every one must have one.
    static func referenceIds(of type: String, in source: SimulatedSource, afterSeq: Int64) async throws -> [String] {
        try await source.store.events(afterSeq: afterSeq).filter { $0.type == type }.map { event in
            let object = try JSONSerialization.jsonObject(with: Data(event.json.utf8)) as? [String: Any]
            return try #require((object?["data"] as? [String: Any])?["referenceId"] as? String, "\(event.json)")
        }
    }

    @Test func aDayThatShrinksWhileItsPagesAreWalkedIsArchivedExactlyByTheNextPoll() async throws {
        let scenario = try #require(Self.findScenario(), "no simulated release shortens a day by a page")
        let source = try Self.source(at: scenario)
        defer { source.shutdown() }
        // The next build is published when the day's page 1 is asked for: page 0 said `pagesBefore` pages, and
        // every later page of the batch is served from a build where the day has `pagesAfter`.
        source.server.addFault(
            SimFault(kind: .advanceBuild, pathPrefix: "/reldate/\(scenario.day)_1.html", count: 1))

        let first = await source.poll()
        // The shortened day is no failure: the batch resolves against the page count its pages now give.
        #expect(first.failure == nil, "\(String(describing: first.failure))")
        #expect(source.site.currentBuild == scenario.build + 1, "the release must land during the walk")
        #expect(source.server.activeFaults.first?.count == 0)
        // Whatever the first poll kept, it kept from pages it read whole: every archived cable is one the
        // simulator released, with the text of one of the two builds.
        let releasedBefore = source.site.releasedSet(atBuild: scenario.build).mapValues(\.contentSHA256)
        let releasedAfter = source.releasedHashes()
        let archivedByTheFirstPoll = try await source.archivedHashes()
        for (referenceId, hash) in archivedByTheFirstPoll {
            #expect(
                releasedBefore[referenceId] == hash || releasedAfter[referenceId] == hash,
                "\(referenceId) archived with a text neither build served")
        }

        let second = await source.poll()
        #expect(second.failure == nil, "\(String(describing: second.failure))")
        #expect(try await source.archivedHashes() == releasedAfter)

        // No cable was announced twice across the two polls, and none was called removed that the source still
        // lists: the cables the release moved to its new day were missing from the first poll's walk, not removed.
        var added: [String: Int] = [:]
        for id in try await Self.referenceIds(of: "cable.added", in: source, afterSeq: 0) { added[id, default: 0] += 1 }
        let removed = try await Self.referenceIds(of: "cable.removed", in: source, afterSeq: 0)
        #expect(added.values.allSatisfy { $0 == 1 }, "\(added.filter { $0.value > 1 })")
        #expect(!removed.isEmpty, "the release also removed cables; the second poll must say so")
        #expect(removed.filter { releasedAfter[$0] != nil } == [], "removed, yet still released")
        #expect(Set(removed) == Set(archivedByTheFirstPoll.keys).subtracting(releasedAfter.keys))
    }

    @Test func aFailedHomeRecheckConcludesNothingAndTheNextPollSettlesTheRemovals() async throws {
        let scenario = try #require(Self.findScenario(), "no simulated release shortens a day by a page")
        let source = try Self.source(at: scenario)
        defer { source.shutdown() }
        let baseline = await source.poll()
        #expect(baseline.failure == nil, "\(String(describing: baseline.failure))")
        let archivedBefore = try await source.archivedHashes()
        let lastSeq = try await source.store.events(afterSeq: 0).last?.seq ?? 0
        // The release removes cables, so the next poll enumerates every day; once it does, the home page answers
        // 500 once: the check after the walk fails.
        source.site.setBuild(scenario.build + 1)
        let server = source.server
        let failed = await source.runner.pollOnce(progress: { progress in
            if progress.phase == "enumerating", server.activeFaults.isEmpty {
                server.addFault(SimFault(kind: .status500, pathPrefix: "/cablegate.html", count: 1))
            }
        })
        let failure = try #require(failed.failure, "a failed recheck must fail the poll")
        #expect("\(failure)".contains("HTTP 500"), "\(failure)")
        #expect(server.activeFaults.first?.count == 0, "the poll asked for the home page again after the walk")
        let removedEarly = try await source.store.events(afterSeq: lastSeq).filter { $0.type == "cable.removed" }
        #expect(removedEarly.isEmpty, "nothing may be concluded from an enumeration the recheck did not confirm")

        let settled = await source.poll()
        #expect(settled.failure == nil, "\(String(describing: settled.failure))")
        let released = source.releasedHashes()
        #expect(try await source.archivedHashes() == released)
        let removed = Set(try await Self.referenceIds(of: "cable.removed", in: source, afterSeq: lastSeq))
        #expect(!removed.isEmpty)
        #expect(removed == Set(archivedBefore.keys).subtracting(released.keys))
    }
}
