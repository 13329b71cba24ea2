import CablegateSim
import CablewatchCore
import Testing

@testable import CablewatchService

/// Exact tracking: after every poll the archive equals the simulator's released set, and the events since the
/// previous poll are exactly the simulator's changes — in each of the real site's three sidebar forms (the builds'
/// own dates alone would give forms A and B).
@Suite(.serialized) struct SyncTrackingTests {
    @Test(arguments: SidebarForm.allCases)
    func archiveAndEventsFollowTheSourceExactlyThroughEveryBuild(form: SidebarForm) async throws {
        let source = try SimulatedSource(cables: 320, builds: 14, revalidate: .zero, sidebarForm: form)
        defer { source.shutdown() }

        let baseline = try #require(await source.poll().value)
        #expect(baseline.events.map(\.type) == ["sync.baseline"])
        #expect(try await source.archivedHashes() == source.releasedHashes())

        var sawCounterDrop = false
        var kinds: Set<String> = []
        while let build = source.server.advance() {
            let previousCounter = try await source.store.latestCounter()
            let result = await source.poll()
            let report = try #require(result.value, "build \(build.build): \(String(describing: result.failure))")
            let events = report.events

            #expect(try await source.archivedHashes() == source.releasedHashes(), "archive after build \(build.build)")

            let added = Set(build.changes.added.map(\.referenceId))
            #expect(EventData.referenceIds(events, type: .cableAdded) == added, "added in build \(build.build)")
            let readded = Set(build.changes.added.filter(\.reAdded).map(\.referenceId))
            let readdedEvents = Set(
                events.filter { $0.type == "cable.added" && EventData.object($0)["readded"] as? Bool == true }
                    .compactMap { EventData.object($0)["referenceId"] as? String })
            #expect(readdedEvents == readded)

            let changed = Dictionary(uniqueKeysWithValues: build.changes.changed.map { ($0.referenceId, $0) })
            let changedEvents = events.filter { $0.type == "cable.changed" }
            #expect(
                Set(changedEvents.compactMap { EventData.object($0)["referenceId"] as? String }) == Set(changed.keys))
            for event in changedEvents {
                let data = EventData.object(event)
                let id = try #require(data["referenceId"] as? String)
                #expect(data["whitespaceOnly"] as? Bool == changed[id]?.whitespaceOnly, "whitespaceOnly of \(id)")
                kinds.insert(changed[id].map { "\($0.kind)" } ?? "")
            }
            #expect(EventData.referenceIds(events, type: .cableRemoved) == Set(build.changes.removed))

            let counterMoved = previousCounter?.released != build.counter.released
            #expect(events.contains { $0.type == "release.progress" } == counterMoved)
            if let previous = previousCounter, build.counter.released < previous.released {
                sawCounterDrop = true
                #expect(
                    events.contains {
                        $0.type == "source.anomaly" && EventData.object($0)["kind"] as? String == "counterDecreased"
                    })
            }
            let expectedTypes: Set<String> = [
                "cable.added", "cable.changed", "cable.removed", "release.progress", "source.anomaly",
            ]
            #expect(Set(events.map(\.type)).isSubset(of: expectedTypes))
        }
        #expect(sawCounterDrop, "the schedule includes one counter decrease")
        #expect(kinds.count >= 3, "whitespace, re-redaction and text swap edits all occurred: \(kinds)")
        let verification = try await source.store.verify { ContentHasher.sha256Hex($0) }
        #expect(verification.isClean, "\(verification.problems)")
    }

    @Test func anUnchangedSourceCostsOneConditionalRequest() async throws {
        let source = try SimulatedSource(cables: 400, builds: 3, revalidate: .seconds(86_400))
        defer { source.shutdown() }
        _ = try #require(await source.poll().value)
        source.server.resetStatistics()
        let report = try #require(await source.poll().value)
        #expect(report.outcome == .unchanged)
        #expect(report.requests == 1)
        #expect(source.server.statistics.total == 1)
        #expect(source.server.statistics.notModified == 1)
    }

    @Test func aNewBuildCostsRequestsInProportionToWhatChanged() async throws {
        let source = try SimulatedSource(cables: 2_000, builds: 20, revalidate: .seconds(86_400))
        defer { source.shutdown() }
        _ = try #require(await source.poll().value)
        let build = try #require(source.server.advance())
        source.server.resetStatistics()
        let report = try #require(await source.poll().value)
        let cableRequests = source.server.statistics.byPrefix["/cable/"] ?? 0
        let listed = build.changes.added.count + build.changes.changed.filter(\.movedToNewDay).count
        #expect(cableRequests == listed, "one request per new or re-listed cable")
        let listingRequests = source.server.statistics.byPrefix["/reldate/"] ?? 0
        #expect(listingRequests <= 2 * (listed / 50 + 2), "only the newest days' listing pages: \(listingRequests)")
        #expect(report.requests == source.server.statistics.total)
    }
}
