import Testing

@testable import CablegateSim
@testable import CablewatchCore

/// A 10,000-cable simulated site at its final build, shared by the round-trip tests (built once, on first use).
private let roundTripSite = SimSite(
    configuration: SimSiteConfiguration(cables: 10_000, seed: 0x0C4B_1E5E, builds: 20), build: Int.max)

/// The simulator's released set of the final build (computing it hashes every listed cable once).
private let roundTripReleasedSet = roundTripSite.releasedSet()

/// The cable pages are checked in this many shards so Swift Testing can spread them over the cores.
private let cableShards = 8

/// `line` without leading and trailing spaces (the simulator pads SUBJECT lines only with ASCII spaces).
private func trimmingSpaces(_ line: String) -> String {
    String(line.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
}

/// `parsed ≠ generated`, long texts cut to a window around their first difference.
private func difference(_ parsed: String, _ generated: String) -> String {
    let parsed = Array(parsed.unicodeScalars)
    let generated = Array(generated.unicodeScalars)
    guard parsed.count > 80 || generated.count > 80 else {
        return "\(String(String.UnicodeScalarView(parsed))) ≠ \(String(String.UnicodeScalarView(generated)))"
    }
    var common = 0
    while common < min(parsed.count, generated.count), parsed[common] == generated[common] { common += 1 }
    func window(_ text: [Unicode.Scalar]) -> String {
        let start = max(0, common - 30)
        let end = min(text.count, common + 30)
        return "…" + String(String.UnicodeScalarView(text[start..<end])).debugDescription + "…"
    }
    return "first difference at scalar \(common) of \(parsed.count)/\(generated.count): "
        + "\(window(parsed)) ≠ \(window(generated))"
}

/// What a page should say about one cable, computed from the simulator's own data (never from the page).
private struct ExpectedCable {
    let cable: SimulatedCable
    /// Nil on the earliest builds' four-column metadata table.
    let released: String?

    init(site: SimSite, snapshot: SimBuildSnapshot, index: Int, legacy: Bool = false) {
        let metadata = site.corpus.cables[index]
        cable = site.cable(at: index, revision: snapshot.editCount(of: index))
        released = legacy ? nil : site.schedule.releaseDay(ofBuild: snapshot.releasedBuild(of: index)).minuteString
        precondition(metadata.referenceId == cable.referenceId)
    }

    /// The full SUBJECT the way DESIGN.md §2 reads a wrapped field: lines trimmed, joined with one space.
    var fullSubject: String {
        cable.subjectLines.map(trimmingSpaces).joined(separator: " ")
    }

    /// Every disagreement between the parsed page and the simulator, as "REFID field: parsed ≠ generated".
    func mismatches(in parsed: CablePage) -> [String] {
        let metadata = cable.metadata
        var found: [String] = []
        func check<Value: Equatable>(_ field: String, _ parsedValue: Value, _ generated: Value) {
            if parsedValue != generated {
                found.append(
                    "\(metadata.referenceId) \(field): \(difference(String(describing: parsedValue), String(describing: generated)))"
                )
            }
        }
        check("referenceId", parsed.referenceId, metadata.referenceId)
        check("created", parsed.created, metadata.created.minuteString)
        check("released", parsed.released, released)
        check("classification", parsed.classification, metadata.classification.label)
        check("origin", parsed.origin, metadata.origin)
        check("headline", parsed.headline, metadata.subjectFirstLine)
        check("headline vs SUBJECT line 1", parsed.headline, cable.subjectLines.first.map(trimmingSpaces) ?? "")
        check("fields.subject", parsed.fields.subject, fullSubject)
        check("fields.tags", parsed.fields.tags, metadata.tags)
        check("isPartialExtract", parsed.isPartialExtract, cable.isPartialExtract)
        check("header", parsed.header, cable.isPartialExtract ? "" : cable.header)
        check("body", parsed.body, cable.body)
        check("contentSHA256", parsed.hashes.contentSHA256, cable.contentSHA256)
        // The simulator's whitespace-insensitive hash is slow in a debug build: check it on every tenth cable.
        if metadata.index % 10 == 0 {
            check(
                "whitespaceInsensitiveSHA256", parsed.hashes.whitespaceInsensitiveSHA256,
                cable.whitespaceInsensitiveSHA256)
        }
        return found
    }
}

/// Renders the final build's cable pages with the simulator's own renderer, so that the generated cable the page is
/// made from is at hand. In a debug build, parsing 10,000 full sidebars (most of a page's bytes) would take most of a
/// minute, so `pageWithShortSidebar` cuts the sidebar down to the counter; the listing and home page tests parse full
/// sidebars, and every 25th cable page is also parsed exactly as the site serves it.
private struct DirectCableRenderer {
    let site: SimSite
    let snapshot: SimBuildSnapshot
    let index: SiteBuildIndex

    static let shared = DirectCableRenderer(site: roundTripSite)

    init(site: SimSite) {
        self.site = site
        snapshot = site.schedule.snapshot(atBuild: site.currentBuild)
        index = SiteBuildIndex(
            corpus: site.corpus, schedule: site.schedule, snapshot: snapshot, advertisedTotal: site.corpus.count)
    }

    /// The counter the site shows on this cable's page: the current one, or the one of the build before a removal.
    func counter(ofCable cableIndex: Int) -> ReleaseCounter {
        let released =
            snapshot.isReleased(cableIndex)
            ? index.counterReleased
            : site.schedule.releasedCounts[max(0, snapshot.removedBuild(of: cableIndex) - 1)]
        return ReleaseCounter(released: released, total: index.counterTotal)
    }

    /// The full page, as `SimSite` serves it at `cable.path`.
    func page(_ cable: SimulatedCable, at cableIndex: Int) -> String {
        PageRenderer(corpus: site.corpus, schedule: site.schedule, index: index).cablePage(
            cable, releasedBuild: snapshot.releasedBuild(of: cableIndex),
            counterReleased: counter(ofCable: cableIndex).released)
    }

    /// `page` with the sidebar replaced by one holding only the counter.
    func pageWithShortSidebar(_ page: String, at cableIndex: Int) throws -> [UInt8] {
        let counter = counter(ofCable: cableIndex)
        let bytes = Array(page.utf8)
        let prefix = (PageRenderer.doctype + PageRenderer.head).utf8.count
        let sidebar = index.sidebar(released: counter.released, total: counter.total).utf8.count
        let right = Array("<div class='pane big'>".utf8)
        try #require(Array(bytes[(prefix + sidebar)..<(prefix + sidebar + right.count)]) == right)
        let shortSidebar =
            "<div class='pane small'>\n" + SidebarRenderer.counterLine(released: counter.released, total: counter.total)
            + "</div>\n"
        return Array(bytes[..<prefix]) + Array(shortSidebar.utf8) + Array(bytes[(prefix + sidebar)...])
    }
}

@Test(arguments: 0..<cableShards)
func everyGeneratedCablePageParsesBackToTheGeneratedCable(shard: Int) throws {
    let renderer = DirectCableRenderer.shared
    let site = renderer.site
    var mismatches: [String] = []
    var pages = 0
    for index in stride(from: shard, to: site.corpus.count, by: cableShards) {
        let expected = ExpectedCable(site: site, snapshot: renderer.snapshot, index: index)
        let referenceId = expected.cable.referenceId
        let html = renderer.page(expected.cable, at: index)
        let bytes: [UInt8]
        if index % 25 == 0 {
            #expect(
                site.html(at: expected.cable.path) == html, "direct rendering of \(referenceId) differs from the site's"
            )
            bytes = Array(html.utf8)
        } else {
            bytes = try renderer.pageWithShortSidebar(html, at: index)
        }
        let parsed = try PageParser.parse(bytes)
        let cable = try #require(parsed.cable, "\(referenceId)'s page parsed without a cable")
        mismatches += expected.mismatches(in: cable)
        if parsed.counter != renderer.counter(ofCable: index) {
            mismatches.append("\(referenceId) counter: \(String(describing: parsed.counter))")
        }
        pages += 1
    }
    #expect(pages == (site.corpus.count - shard + cableShards - 1) / cableShards)
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(12))")
}

@Test func finalBuildReleasesEveryCableButTheRemovedOnes() {
    let site = roundTripSite
    let snapshot = site.schedule.snapshot(atBuild: site.currentBuild)
    let listed = roundTripReleasedSet
    let removed = (0..<site.corpus.count).filter { snapshot.status(of: $0) == .removed }
    #expect(site.corpus.count == 10_000)
    #expect((0..<site.corpus.count).allSatisfy { snapshot.status(of: $0) != .unreleased })
    #expect(listed.count + removed.count == site.corpus.count)
}

@Test(arguments: ListingKind.allCases)
func everyListingPageShowsTheSimulatorsReleasedSet(kind: ListingKind) throws {
    let site = roundTripSite
    let released = roundTripReleasedSet
    let counter = ReleaseCounter(released: site.counter.released, total: site.counter.total)
    var mismatches: [String] = []
    var occurrences: [String: Int] = [:]
    var listingPages = 0
    for path in site.allPaths() where path.hasPrefix("/\(kind.rawValue)/") {
        let html = try #require(site.html(at: path))
        let page = try PageParser.parse(Array(html.utf8))
        let listing = try #require(page.listing, "\(path) parsed without a listing")
        listingPages += 1
        if page.counter != counter { mismatches.append("\(path) counter: \(String(describing: page.counter))") }
        let pageNumber = Int(path.split(separator: "_").last?.dropLast(5) ?? "") ?? -1
        if listing.page != pageNumber { mismatches.append("\(path) page: \(listing.page)") }
        // A list of an exact multiple of 50 rows ends with an empty page (DESIGN.md §2).
        let emptyTrailingPage = listing.rows.isEmpty && listing.page == listing.lastPage && listing.page > 0
        if (listing.rows.isEmpty && !emptyTrailingPage) || listing.rows.count > 50 {
            mismatches.append("\(path) has \(listing.rows.count) rows")
        }
        if listing.page < listing.lastPage, listing.rows.count != 50 {
            mismatches.append("\(path) is not the last page but has \(listing.rows.count) rows")
        }
        let releasedDates = listing.rows.compactMap(\.released)
        if releasedDates != releasedDates.sorted(by: >) { mismatches.append("\(path) rows not newest release first") }
        for row in listing.rows {
            guard let expected = released[row.referenceId] else {
                mismatches.append("\(path) lists \(row.referenceId), which the simulator has not released")
                continue
            }
            occurrences[row.referenceId, default: 0] += 1
            let parsed = [
                row.cablePath, row.subject, row.created, row.released ?? "nil", row.classification, row.origin,
            ]
            let generated = [
                expected.path, expected.subject, String(expected.created.prefix(10)), expected.released,
                expected.classification, expected.origin,
            ]
            if parsed != generated { mismatches.append("\(path) \(row.referenceId): \(parsed) ≠ \(generated)") }
        }
    }
    // Together the pages of a family list every released cable exactly once (creation month, origin, classification,
    // release day), or once per tag for the tag listings.
    let expectedOccurrences = released.mapValues { kind == .tag ? $0.tags.count : 1 }.filter { $0.value > 0 }
    #expect(occurrences == expectedOccurrences)
    #expect(listingPages >= released.count / 50)
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(12))")
}

@Test func homePageCounterAndReleaseDaysMatchTheSimulator() throws {
    let site = roundTripSite
    let released = roundTripReleasedSet
    let expectedDays = Set(released.values.map(\.released)).sorted(by: >)
    for path in ["/index.html", "/cablegate.html"] {
        let page = try PageParser.parse(Array(try #require(site.html(at: path)).utf8))
        #expect(page.counter == ReleaseCounter(released: released.count, total: site.corpus.count))
        #expect(page.counter?.released == site.counter.released)
        #expect(page.releaseDays.map(\.key) == expectedDays)
        #expect(page.listing == nil)
        #expect(page.cable == nil)
    }
    #expect(expectedDays.count == site.currentBuild + 1)
}

@Test func earliestFormatPagesParseBackToTheGeneratedCables() throws {
    let site = SimSite(
        configuration: SimSiteConfiguration(cables: 400, seed: 0x0C4B_1E5E, builds: 20, legacyBuilds: 4), build: 3)
    let snapshot = site.schedule.snapshot(atBuild: 3)
    let released = site.releasedSet()
    var mismatches: [String] = []
    var listedRows = 0
    for path in site.allPaths() where path != "/index.html" && path != "/cablegate.html" {
        let page = try PageParser.parse(Array(try #require(site.html(at: path)).utf8))
        if path.hasPrefix("/cable/") {
            let cable = try #require(page.cable, "\(path) parsed without a cable")
            let index = try #require(site.corpus.cables.firstIndex { $0.path == path })
            mismatches += ExpectedCable(site: site, snapshot: snapshot, index: index, legacy: true).mismatches(
                in: cable)
        } else if path.hasPrefix("/reldate/") {
            let listing = try #require(page.listing, "\(path) parsed without a listing")
            let month = String(path.dropFirst("/reldate/".count).prefix(7))
            for row in listing.rows {
                listedRows += 1
                let expected = released[row.referenceId]
                if row.released != nil || expected?.released.hasPrefix(month) != true
                    || expected?.classification != row.classification
                {
                    mismatches.append("\(path) \(row.referenceId): \(row)")
                }
            }
        }
    }
    let home = try PageParser.parse(Array(try #require(site.html(at: "/index.html")).utf8))
    #expect(home.releaseDays.map(\.key) == Set(released.values.map { String($0.released.prefix(7)) }).sorted(by: >))
    #expect(home.releaseDays.allSatisfy { $0.isMonthly })
    #expect(listedRows == released.count)
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(12))")
}
