import Foundation
import Testing

@testable import CablegateSim

/// What kind of simulated page a real page is compared with.
private enum PageKind: Sendable, CustomStringConvertible {
    case home
    case listing(ListingKind)
    /// The extra, empty page of a list holding an exact multiple of 50 rows.
    case emptyTrailingListing
    case cable

    var description: String {
        switch self {
        case .home: "home"
        case .listing(let kind): "\(kind.rawValue) listing"
        case .emptyTrailingListing: "empty trailing listing page"
        case .cable: "cable page"
        }
    }
}

/// One real page and the kind of simulated page it must match; the era comes from the page's counter.
private struct ConformanceCase: Sendable, CustomTestStringConvertible {
    /// Relative to the real-pages folder.
    let file: String
    let kind: PageKind

    var testDescription: String { "\(file) (\(kind))" }
}

/// The release day of the simulated build a real page's counter dates it to: form A 2010-11-30 (291), form B
/// 2010-12-22 (1862) and 2011-01-19 (2497), form C with Articles 2011-02-13 (4039, and 3891, a page an early February
/// build left behind), form C without Articles 2011-04-25 (6693).
private let eraDayByCounter = [
    291: "2010-11-30", 1862: "2010-12-22", 2497: "2011-01-19", 3891: "2011-02-13", 4039: "2011-02-13",
    6693: "2011-04-25",
]
private let eraDays = Set(eraDayByCounter.values).sorted()

/// Every Cable Viewer page of the folder but the extra cables (the WikiLeaks main home page,
/// `2011-02-13_wlhome-avilaroman-index.html`, is not one and is left out).
private let namedCases: [ConformanceCase] = [
    ConformanceCase(file: "2010-11-30_c291-anarchivist-index.html", kind: .home),
    ConformanceCase(file: "2010-11-30_c291-anarchivist-origin_1_0.html", kind: .listing(.origin)),
    ConformanceCase(
        file: "2010-11-30_c291-anarchivist-reldate_2010-11-28_0.html", kind: .listing(.releaseDay)),
    ConformanceCase(file: "2010-12-22_c1862-anarchivist-cablegate.html", kind: .home),
    ConformanceCase(
        file: "2010-12-22_c1862-anarchivist-reldate_2010-12-17_1.html", kind: .listing(.releaseDay)
    ),
    ConformanceCase(
        file: "2011-01-19_c2497-avilaroman-reldate_2011-01-17_0.html", kind: .listing(.releaseDay)),
    ConformanceCase(file: "2011-02-13_c4039-avilaroman-cablegate.html", kind: .home),
    ConformanceCase(
        file: "2011-02-13_c4039-avilaroman-classification_1_0.html", kind: .listing(.classification)),
    ConformanceCase(
        file: "2011-02-13_c4039-avilaroman-reldate_2011-02-04_3.html", kind: .listing(.releaseDay)),
    ConformanceCase(
        file: "2011-02-13_c4039-avilaroman-reldate_2011-02-04_7.html", kind: .listing(.releaseDay)),
    ConformanceCase(file: "2011-02-13_c4039-avilaroman-tag_PREL_0.html", kind: .listing(.tag)),
    ConformanceCase(
        file: "2011-04-25_c3891-avilaroman-reldate_2010-12-21_1.html", kind: .emptyTrailingListing),
    ConformanceCase(
        file: "2011-04-25_c6693-avilaroman-cable_1997_12_97WELLINGTON1656.html", kind: .cable),
    ConformanceCase(file: "2011-04-25_c6693-avilaroman-cable_2006_03_06BEIRUT895.html", kind: .cable),
    ConformanceCase(
        file: "2011-04-25_c6693-avilaroman-cable_2006_03_06SANJOSE643.html", kind: .cable),
    ConformanceCase(file: "2011-04-25_c6693-avilaroman-cablegate.html", kind: .home),
    ConformanceCase(
        file: "2011-04-25_c6693-avilaroman-date_2008-03_0.html", kind: .listing(.creationMonth)),
    ConformanceCase(file: "2011-04-25_c6693-avilaroman-origin_42_6.html", kind: .listing(.origin)),
    ConformanceCase(
        file: "2011-04-25_c6693-avilaroman-reldate_2011-04-06_3.html", kind: .emptyTrailingListing),
]

/// The 59 extra real cable pages, all from the 2011-04-25 build.
private let cableCases = RealPages.cablePageNames.map {
    ConformanceCase(file: $0, kind: .cable)
}

/// One simulated site per era, whose last build is released on that era's day and adds exactly 50 cables, so that
/// its day's listing has an empty trailing page.
private let eraSites: [String: SimSite] = Dictionary(
    uniqueKeysWithValues: eraDays.map { day in
        let builds = daysSinceFirstRelease(day) + 1
        let configuration = SimSiteConfiguration(
            cables: 3000, seed: 0x5EED, builds: builds, finalBuild: SimFinalBuildPlan(added: 50, changed: 0))
        return (day, SimSite(configuration: configuration, build: builds - 1))
    })

private func daysSinceFirstRelease(_ day: String) -> Int {
    let parts = day.split(separator: "-").compactMap { Int($0) }
    let date = SimDate(year: parts[0], month: parts[1], day: parts[2])
    return date.daysSinceEpoch - ReleaseSchedule.firstReleaseDay.daysSinceEpoch
}

/// The "released so far" figure of a real page.
private func counter(of page: String) -> Int? {
    guard let marker = page.range(of: "Currently released so far... ") else { return nil }
    return Int(page[marker.upperBound...].prefix { $0.isNumber })
}

/// How many links a real cable page's "Appears in these articles" cell holds (0 without one).
private func articleLinks(in page: String) -> Int {
    guard let start = page.range(of: "Appears in these articles:"),
        let end = page.range(of: "</td>", range: start.upperBound..<page.endIndex)
    else { return 0 }
    return page[start.upperBound..<end.lowerBound].components(separatedBy: "<a ").count - 1
}

/// The simulated page of `kind` in the site of `day`'s era; `real` picks a cable with as many article links.
private func simulatedPage(_ kind: PageKind, day: String, real: String) throws -> String {
    let site = try #require(eraSites[day])
    #expect(site.schedule.releaseDay(ofBuild: site.currentBuild).dayString == day)
    switch kind {
    case .home:
        return try #require(site.html(at: site.homePath))
    case .listing(let listing):
        let path = try #require(
            site.allPaths().first { $0.hasPrefix("/\(listing.rawValue)/") && $0.hasSuffix("_0.html") })
        return try #require(site.html(at: path))
    case .emptyTrailingListing:
        let path = "/reldate/\(day)_1.html"
        let page = try #require(site.html(at: path), "\(path) should be the empty page after 50 rows")
        #expect(!page.contains("<td>"), "\(path) should hold no rows")
        return page
    case .cable:
        let articles = articleLinks(in: real)
        let snapshot = site.schedule.snapshot(atBuild: site.currentBuild)
        let index = try #require(
            site.corpus.cables.indices.first {
                snapshot.isReleased($0) && PageRenderer.articleCount(ofCable: $0) == articles
            }, "no simulated cable with \(articles) article links")
        return try #require(site.html(at: site.corpus.cables[index].path))
    }
}

/// Every Cable Viewer page of the real-pages folder has the skeleton of the simulated page of its era and kind.
@Suite(.enabled(if: RealPages.available, RealPages.skipReason))
struct RealMarkupConformanceTests {
    @Test(arguments: namedCases + cableCases)
    fileprivate func simulatedPageHasTheRealPagesSkeleton(_ testCase: ConformanceCase) throws {
        let real = try RealPages.text(testCase.file)
        let realCounter = try #require(counter(of: real), "\(testCase.file) has no counter")
        let day = try #require(eraDayByCounter[realCounter], "no era known for the counter \(realCounter)")
        let simulated = try simulatedPage(testCase.kind, day: day, real: real)
        let expected = PageSkeleton(html: real)
        let actual = PageSkeleton(html: simulated)
        #expect(expected.lines.count > 20, "\(testCase.file) has hardly a skeleton")
        // A bare Bool, so that the failure shows the diff rather than both skeletons in full.
        let sameStructure = actual == expected
        #expect(
            sameStructure,
            """
            the simulated \(testCase.kind) of \(day) differs from \(testCase.file) \
            (- real only, + simulated only):
            \(LineDiff.render(expected: expected.lines, actual: actual.lines))
            """)
    }

    @Test func everyRealCableViewerPageIsCompared() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: RealPages.directory.path)
            .filter { $0.hasSuffix(".html") && !$0.contains("_wlhome-") }
        #expect(Set(names) == Set(namedCases.map(\.file)))
        #expect(cableCases.count == 59)
    }
}

@Test func skeletonsCollapseRepeatsNormaliseIdsAndIgnorePreContents() {
    let html = """
        <?xml version='1.0' ?><html><body><div class='pane  small' id='rdate_201011'><a href='x'>1</a>
        <a href='y'>2</a><br /><a>3</a></div><div class='sort' id='by_A'></div><div class='sort' id='by_B'></div>
        <code><pre>text <a href='/tag/X_0.html'>X</a> <b>stray</pre></code><p><i>motto</i></p></body></html>
        """
    let skeleton = PageSkeleton(html: html)
    #expect(
        skeleton.lines == [
            "html", "  body", "    div.pane.small#rdate_*", "      a", "      br", "      a", "    div.sort#by_*",
            "    code", "      pre", "    p", "      i",
        ])
    #expect(PageSkeleton.normalisedId("help_1") == "help_*")
    #expect(PageSkeleton.normalisedId("browse") == "browse")
    #expect(PageSkeleton.normalisedId("ryear_11") == "ryear_*")
}
