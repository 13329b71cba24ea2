import CablegateSim
import CablewatchCore
import Foundation
import Testing

@testable import CablewatchService

/// One page of a hostile or broken source, made from the simulator's real-markup page by a fault.
struct HostilePage: Sendable, CustomTestStringConvertible {
    var name: String
    /// The faults that break the page of `cable` (reference ID, cable page path).
    var faults: @Sendable (_ referenceId: String, _ path: String) -> [SimFault]
    /// What the quarantine entry's URL contains.
    var quarantinedURL: @Sendable (_ path: String) -> String = { $0 }

    var testDescription: String { name }
}

let hostilePages: [HostilePage] = [
    HostilePage(name: "a cable page answering 404") { _, path in [SimFault(kind: .status404, pathPrefix: path)] },
    HostilePage(name: "a cable page answering 500") { _, path in [SimFault(kind: .status500, pathPrefix: path)] },
    HostilePage(name: "invalid UTF-8 in the cable's text") { _, path in
        [SimFault(kind: .rewrite, pathPrefix: path, find: Array("SUBJECT".utf8), replacement: [0x53, 0xFF, 0xFE])]
    },
    HostilePage(name: "a reference ID that differs from the listing") { referenceId, path in
        [.rewrite(path, ">\(referenceId)</a>", with: ">\(referenceId)X</a>")]
    },
    HostilePage(
        name: "a javascript: link in the listing row",
        faults: { _, path in [.rewrite("/reldate/", "href='\(path)'", with: "href='javascript:alert(1)'")] },
        quarantinedURL: { _ in "javascript:alert(1)" }),
    HostilePage(
        name: "a listing row linking another host",
        faults: { _, path in [.rewrite("/reldate/", "href='\(path)'", with: "href='http://127.0.0.2:9\(path)'")] },
        quarantinedURL: { path in "http://127.0.0.2:9\(path)" }),
    HostilePage(name: "a NUL inside the reference ID of the listing row") { referenceId, _ in
        [.rewrite("/reldate/", ">\(referenceId)</a>", with: ">\(referenceId)\u{0}</a>")]
    },
]

/// Hostile and broken sources (issue: "keep working, keep everything"): the archive stays exact for the good pages,
/// a bad page is quarantined and named by `status`, heals on the next cycle, and nothing is falsely removed.
@Suite(.serialized) struct HostileSourceTests {

    @Test(arguments: hostilePages)
    func oneBadPageIsQuarantinedNamedAndHealedWhileEverythingElseIsArchived(_ hostile: HostilePage) async throws {
        let source = try SimulatedSource(cables: 200, builds: 3, revalidate: .zero)
        defer { source.shutdown() }
        // A cable of the oldest release day, so the fault hits a page the first poll walks.
        let released = source.site.releasedSet()
        let victim = try #require(
            released.values.sorted { ($0.released, $0.referenceId) < ($1.released, $1.referenceId) }.first)
        for fault in hostile.faults(victim.referenceId, victim.path) { source.server.addFault(fault) }

        let first = await source.poll()
        let report = try #require(
            first.value, "one bad page must not fail the poll: \(String(describing: first.failure))")
        #expect(report.outcome == .partial)
        var expected = source.releasedHashes()
        expected.removeValue(forKey: victim.referenceId)
        #expect(try await source.archivedHashes() == expected, "every good page is archived exactly")
        let status = try await source.store.status()
        #expect(status.quarantine.count == 1)
        let entry = try #require(status.quarantine.first.first)
        #expect(entry.url.contains(hostile.quarantinedURL(victim.path)), "\(entry.url)")
        #expect(entry.referenceId?.hasPrefix(victim.referenceId) == true)
        #expect(try await source.verdict() == .degraded)
        let pageAnomalies =
            try await source.anomalies(kind: "unfetchablePage") + source.anomalies(kind: "unparseablePage")
        #expect(pageAnomalies.count == 1, "one anomaly per quarantined page")
        #expect(try await source.store.events(afterSeq: 0).filter { $0.type == "source.unreachable" }.isEmpty)

        source.server.clearFaults()
        let healed = await source.poll()
        #expect(healed.value?.outcome == .ok, "\(String(describing: healed.failure))")
        #expect(try await source.archivedHashes() == source.releasedHashes())
        #expect(try await source.store.status().quarantine.count == 0)
        #expect(try await source.verdict() == .ok)
        #expect(try await source.store.events(afterSeq: 0).filter { $0.type == "cable.removed" }.isEmpty)
        let verification = try await source.store.verify { ContentHasher.sha256Hex($0) }
        #expect(verification.isClean, "\(verification.problems)")
    }

    @Test func aPageStillBrokenIsRetriedWithBackoffAndAlertedOnce() async throws {
        let source = try SimulatedSource(cables: 200, builds: 3, revalidate: .zero)
        defer { source.shutdown() }
        let victim = try #require(source.site.releasedSet().values.min { $0.referenceId < $1.referenceId })
        source.server.addFault(SimFault(kind: .status404, pathPrefix: victim.path))
        for _ in 0..<3 { #expect(await source.poll().value?.outcome == .partial) }
        // A poll on the same build walks the day it waits for again, and re-fetches no archived cable.
        let again = try #require(await source.poll().value)
        #expect(again.cablesFetched == 0, "the build did not change: nothing is revalidated")
        #expect(again.requests < 20, "\(again.requests) requests")
        let entry = try #require(try await source.store.quarantinedPages().first)
        #expect(entry.attempts == 2, "tried on the next cycle, then held back by the backoff")
        #expect(entry.nextAttemptAt > entry.lastSeenAt)
        let pageAnomalies = try await source.anomalies(kind: "unfetchablePage")
        #expect(pageAnomalies.count == 1)
        #expect(try await source.archivedHashes().count == source.releasedHashes().count - 1)
    }

    @Test func aNulInTheCableTextIsKeptExactlyAndVerifies() async throws {
        let source = try SimulatedSource(cables: 120, builds: 2, revalidate: .zero)
        defer { source.shutdown() }
        let victim = try #require(source.site.releasedSet().values.min { $0.referenceId < $1.referenceId })
        source.server.addFault(.rewrite(victim.path, "SUBJECT", with: "SUB\u{0}JECT"))
        #expect(await source.poll().value?.outcome == .ok)
        let detail = try #require(try await source.store.detail(referenceId: victim.referenceId))
        #expect(detail.header.contains("SUB\u{0}JECT") || detail.body.contains("SUB\u{0}JECT"))
        let verification = try await source.store.verify { ContentHasher.sha256Hex($0) }
        #expect(verification.isClean, "\(verification.problems)")
    }

    /// Text a page may carry, by bytes or by entity: each is archived exactly as the parser reads it, and verifies.
    @Test(arguments: [
        ("a NUL entity", "&#0;"), ("a hexadecimal NUL entity", "&#x0000;"), ("a lone surrogate entity", "&#xD800;"),
        ("a surrogate pair as entities", "&#xD83D;&#xDE00;"), ("a byte-order mark", "\u{FEFF}"),
        ("carriage returns", "\r\n\r"), ("right-to-left marks", "\u{200F}\u{05E9}\u{200E}"),
        ("an encoded CR/LF", "&#x000D;&#x000A;"),
    ])
    func awkwardTextIsArchivedExactlyAsParsed(name: String, text: String) async throws {
        let source = try SimulatedSource(cables: 120, builds: 2, revalidate: .zero)
        defer { source.shutdown() }
        let victim = try #require(source.site.releasedSet().values.min { $0.referenceId < $1.referenceId })
        source.server.addFault(.rewrite(victim.path, "SUBJECT", with: "SUB\(text)JECT"))
        let html = try #require(source.site.html(at: victim.path))
        let expected = try PageParser.parseCable(
            Array(html.replacingOccurrences(of: "SUBJECT", with: "SUB\(text)JECT").utf8))

        #expect(await source.poll().value?.outcome == .ok, "\(name)")
        let detail = try #require(try await source.store.detail(referenceId: victim.referenceId))
        #expect(Array(detail.body.utf8) == Array(expected.body.utf8), "\(name): the body as parsed")
        #expect(Array(detail.header.utf8) == Array(expected.header.utf8), "\(name): the header as parsed")
        let verification = try await source.store.verify { ContentHasher.sha256Hex($0) }
        #expect(verification.isClean, "\(name): \(verification.problems)")
    }

    @Test func aHomePageSayingZeroWithAnEmptySidebarRemovesNothingAndItsReturnAddsNothing() async throws {
        let source = try SimulatedSource(cables: 400, builds: 4, revalidate: .zero)
        defer { source.shutdown() }
        while source.server.advance() != nil {}
        _ = try #require(await source.poll().value)
        source.server.addFault(.rewrite("/cablegate.html", "/reldate/", with: "/gone/"))
        source.server.addFault(
            .rewrite("/cablegate.html", "so far... \(source.site.counter.released) ", with: "so far... 0 "))
        let failed = try #require(await source.poll().failure)
        #expect("\(failed)".contains("unrecognised markup"), "\(failed)")
        source.server.clearFaults()
        #expect(await source.poll().value != nil)
        let events = try await source.store.events(afterSeq: 0)
        #expect(events.filter { $0.type == "cable.removed" }.isEmpty, "no false removal")
        #expect(events.filter { $0.type == "cable.added" }.isEmpty, "no false re-add")
        #expect(try await source.archivedHashes() == source.releasedHashes())
    }

    /// Hides the release days of `days` from the home page's sidebar and sets its counter to what the other days
    /// list: a half-served site whose listings look complete.
    func hideBusiestDay(of source: SimulatedSource) throws -> (listed: Int, hidden: Int) {
        var perDay: [String: Int] = [:]
        for cable in source.site.releasedSet().values { perDay[cable.released, default: 0] += 1 }
        let busiest = try #require(perDay.max { $0.value < $1.value }?.key)
        return try hideDays([busiest], of: source)
    }

    func hideDays(_ days: Set<String>, of source: SimulatedSource) throws -> (listed: Int, hidden: Int) {
        let released = source.site.releasedSet().values
        let hidden = released.filter { days.contains($0.released) }.count
        let listed = released.count - hidden
        for day in days {
            source.server.addFault(.rewrite("/cablegate.html", "/reldate/\(day)_0.html", with: "/gone/\(day)_0.html"))
        }
        source.server.addFault(
            .rewrite("/cablegate.html", "so far... \(source.site.counter.released) ", with: "so far... \(listed) "))
        return (listed, hidden)
    }

    @Test func aMassRemovalIsHeldAndForgottenWhenTheSourceComesBack() async throws {
        let source = try SimulatedSource(cables: 400, builds: 4, revalidate: .zero)
        defer { source.shutdown() }
        while source.server.advance() != nil {}
        _ = try #require(await source.poll().value)
        let (_, hidden) = try hideBusiestDay(of: source)
        try #require(hidden > 25, "the hidden day must hold more than the guard lets through")

        for _ in 0..<2 { #expect(await source.poll().value != nil) }
        #expect(try await source.archivedHashes().count == source.releasedHashes().count, "nothing removed")
        let held = try await source.anomalies(kind: "massRemovalHeld")
        #expect(held.count == 1)
        #expect((held.first?["details"] as? String)?.contains("\(hidden) of ") == true, "\(held)")

        source.server.clearFaults()
        #expect(await source.poll().value != nil)
        #expect(try await source.archivedHashes() == source.releasedHashes())
        #expect(try await source.store.events(afterSeq: 0).filter { $0.type == "cable.removed" }.isEmpty)
        #expect(try await source.store.events(afterSeq: 0).filter { $0.type == "cable.added" }.isEmpty)
    }

    @Test func aMassRemovalConfirmedAPollIntervalLaterIsApplied() async throws {
        let source = try SimulatedSource(
            cables: 400, builds: 4, revalidate: .zero,
            massRemoval: MassRemovalGuard(confirmAfter: .milliseconds(500)))
        defer { source.shutdown() }
        while source.server.advance() != nil {}
        _ = try #require(await source.poll().value)
        let (_, hidden) = try hideBusiestDay(of: source)
        let held = await source.poll()
        #expect(held.value != nil, "\(String(describing: held.failure))")
        #expect(try await source.store.events(afterSeq: 0).filter { $0.type == "cable.removed" }.isEmpty)
        try await Task.sleep(for: .milliseconds(600))
        #expect(await source.poll().value != nil)
        let removed = try await source.store.events(afterSeq: 0).filter { $0.type == "cable.removed" }
        #expect(removed.count == hidden)
    }

    @Test func aCounterOfZeroNeverRemovesAnything() async throws {
        let source = try SimulatedSource(cables: 120, builds: 2, revalidate: .zero)
        defer { source.shutdown() }
        _ = try #require(await source.poll().value)
        source.server.addFault(
            .rewrite("/cablegate.html", "so far... \(source.site.counter.released) ", with: "so far... 0 "))
        _ = await source.poll()
        #expect(try await source.store.events(afterSeq: 0).filter { $0.type == "cable.removed" }.isEmpty)
        #expect(try await source.archivedHashes() == source.releasedHashes())
    }
}
