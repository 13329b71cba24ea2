import CablegateSim
import CablewatchCore
import Testing

@testable import CablewatchService

/// A fault the simulator injects, where it applies, and what the poll's recorded error must say.
struct FaultCase: Sendable, CustomTestStringConvertible {
    var kind: SimFaultKind
    var pathPrefix: String
    var expectedError: String
    /// True when the fault breaks pages one by one (an HTTP error, markup the parser cannot read, a link off the
    /// origin): those pages are quarantined and the poll goes on, partial. Otherwise the poll fails.
    var quarantines = false
    /// True when the fault hits the home page, so the whole archive must stay exactly as it was.
    var hitsHomePage: Bool { pathPrefix == "/cablegate.html" }

    var testDescription: String { "\(kind.rawValue) on \(pathPrefix)" }
}

let faultCases: [FaultCase] = [
    FaultCase(kind: .status500, pathPrefix: "/cablegate.html", expectedError: "HTTP 500"),
    FaultCase(kind: .status503, pathPrefix: "/cablegate.html", expectedError: "HTTP 503"),
    FaultCase(kind: .status429, pathPrefix: "/cablegate.html", expectedError: "HTTP 429"),
    FaultCase(kind: .slow, pathPrefix: "/cablegate.html", expectedError: "timed out"),
    FaultCase(kind: .reset, pathPrefix: "/cablegate.html", expectedError: "connection"),
    FaultCase(kind: .truncated, pathPrefix: "/cablegate.html", expectedError: "truncated"),
    FaultCase(kind: .garbage, pathPrefix: "/cablegate.html", expectedError: "unparseable"),
    FaultCase(kind: .oversize, pathPrefix: "/cablegate.html", expectedError: "larger than"),
    FaultCase(kind: .redirectOffsite, pathPrefix: "/cablegate.html", expectedError: "origin"),
    FaultCase(kind: .truncated, pathPrefix: "/cable/", expectedError: "truncated"),
    FaultCase(kind: .cutPre, pathPrefix: "/cable/", expectedError: "unparseable", quarantines: true),
    FaultCase(kind: .garbage, pathPrefix: "/cable/", expectedError: "unparseable", quarantines: true),
    FaultCase(kind: .status503, pathPrefix: "/reldate/", expectedError: "HTTP 503"),
    FaultCase(
        kind: .crossOriginLink, pathPrefix: "/reldate/", expectedError: "outside the source's origin", quarantines: true
    ),
    FaultCase(kind: .garbage, pathPrefix: "/reldate/", expectedError: "unparseable page (http", quarantines: true),
    FaultCase(kind: .truncated, pathPrefix: "/reldate/", expectedError: "truncated"),
    FaultCase(kind: .redirectOffsite, pathPrefix: "/cable/", expectedError: "origin", quarantines: true),
]

/// Every fault leaves nothing bogus in the archive, says precisely what went wrong, and is recovered next cycle.
@Suite(.serialized) struct SyncFaultTests {
    @Test(arguments: faultCases)
    func aFaultStoresNothingBogusIsReportedAndIsRecoveredNextCycle(_ fault: FaultCase) async throws {
        let source = try SimulatedSource(
            cables: 300, builds: 4, revalidate: .zero, timeout: .seconds(1), maxBodyBytes: 4 * 1024 * 1024)
        defer { source.shutdown() }
        _ = try #require(await source.poll().value)
        let before = try await source.archivedHashes()
        let eventsBefore = try await source.store.events(afterSeq: 0).count
        let counterBefore = try await source.store.latestCounter()
        _ = try #require(source.server.advance())

        source.server.addFault(SimFault(kind: fault.kind, pathPrefix: fault.pathPrefix, retryAfterSeconds: 1))
        let polled = await source.poll()
        let status = try await source.store.status()
        if fault.quarantines {
            let report = try #require(polled.value, "pages broken one by one are set aside: \(fault.kind)")
            #expect(report.outcome == .partial)
            #expect(status.lastPoll?.outcome == "partial")
            #expect(status.quarantine.count >= 1)
            #expect(
                status.quarantine.first.allSatisfy { $0.reason.contains(fault.expectedError) },
                "\(status.quarantine.first.map(\.reason))")
            #expect(status.health.consecutiveFailures == 0)
        } else {
            let error = try #require(polled.failure, "the poll must fail under \(fault.kind)")
            #expect("\(error)".contains(fault.expectedError), "\(error)")
            #expect(status.lastPoll?.outcome == "failed")
            #expect(
                status.lastPoll?.error?.contains(fault.expectedError) == true, "\(String(describing: status.lastPoll))")
            #expect(status.health.consecutiveFailures == 1)
        }
        #expect((status.lastPoll?.requests ?? 0) >= 1, "a poll records the requests it made")

        let during = try await source.archivedHashes()
        if fault.hitsHomePage {
            #expect(during == before, "a failed home page changes nothing")
            #expect(try await source.store.events(afterSeq: 0).count == eventsBefore)
            #expect(try await source.store.latestCounter() == counterBefore)
        } else {
            // Whatever was stored is genuine: every archived hash is the source's real hash for that cable.
            let released = source.releasedHashes()
            for (referenceId, hash) in during {
                #expect(
                    released[referenceId] == hash || before[referenceId] == hash, "bogus revision of \(referenceId)")
            }
        }
        let verification = try await source.store.verify { ContentHasher.sha256Hex($0) }
        #expect(verification.isClean, "\(verification.problems)")
        #expect(try await source.store.searchIndexBacklog() == 0, "what a failed cycle committed is searchable")

        source.server.clearFaults()
        try await Task.sleep(for: .milliseconds(1_100))  // let a Retry-After hold pass
        let recovered = await source.poll()
        #expect(recovered.value != nil, "\(String(describing: recovered.failure))")
        #expect(try await source.archivedHashes() == source.releasedHashes())
        #expect(try await source.store.status().health.consecutiveFailures == 0)
        let stillAside = try await source.store.quarantinedPages()
        #expect(stillAside.isEmpty, "every page set aside has healed: \(stillAside)")
    }

    @Test func theCablesAFailedCycleCommittedAreSearchable() async throws {
        let source = try SimulatedSource(cables: 300, builds: 4, revalidate: .zero)
        defer { source.shutdown() }
        source.site.setBuild(source.site.lastBuild)
        // The middle release day fails whichever way the walk runs, so the days before it are committed first.
        let days = Set(source.site.releasedCables().map { String($0.released.prefix(10)) }).sorted()
        try #require(days.count >= 3, "\(days)")
        source.server.addFault(SimFault(kind: .status503, pathPrefix: "/reldate/" + days[days.count / 2]))
        #expect(await source.poll().failure != nil)
        let archived = try await source.store.activeCableCount()
        try #require(archived > 0, "the walk committed days before the failing one")
        #expect(try await source.store.searchIndexBacklog() == 0, "what the failed cycle committed is indexed")
        let ids = try await source.store.activeReferenceIds()
        let cable = try #require(
            source.site.releasedCables().first {
                ids.contains($0.referenceId) && $0.subject.allSatisfy { $0.isLetter || $0 == " " }
            })
        let hits = try await source.store.search("\"\(cable.subject)\"")
        #expect(hits.map(\.referenceId).contains(cable.referenceId), "\(cable.subject): \(hits)")
    }

    @Test func anUnparseablePageIsReportedOnceAsAnAnomaly() async throws {
        let source = try SimulatedSource(cables: 300, builds: 4, revalidate: .zero)
        defer { source.shutdown() }
        _ = try #require(await source.poll().value)
        _ = try #require(source.server.advance())
        source.server.addFault(SimFault(kind: .cutPre, pathPrefix: "/cable/", count: 1))
        let partial = await source.poll()
        #expect(partial.value?.outcome == .partial)
        let anomalies = try await source.store.events(afterSeq: 0).filter { $0.type == "source.anomaly" }
        #expect(anomalies.count == 1)
        #expect(anomalies.first?.json.contains("unparseablePage") == true)
    }
}
