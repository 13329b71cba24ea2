import Foundation
import Testing

@testable import CablegateSim

/// Pulls the `<pre>` blocks out of a cable page and undoes the markup, as the contract in DESIGN.md §2.1 says.
private func blocks(of page: String) -> [String] {
    var result: [String] = []
    var rest = Substring(page)
    while let open = rest.range(of: "<code><pre") {
        guard let tagEnd = rest[open.upperBound...].firstIndex(of: ">"),
            let close = rest[tagEnd...].range(of: "</pre></code>")
        else { break }
        result.append(String(rest[rest.index(after: tagEnd)..<close.lowerBound]))
        rest = rest[close.upperBound...]
    }
    return result
}

private func unmark(_ block: String) -> String {
    var text = block.replacingOccurrences(
        of: "<a id='par[0-9]+' href='#par[0-9]+'>¶</a>", with: "", options: .regularExpression)
    text = text.replacingOccurrences(of: "<a [^>]*>", with: "", options: .regularExpression)
    text = text.replacingOccurrences(of: "</a>", with: "")
    text = text.replacingOccurrences(of: "&#x000A;", with: "\n")
    while text.hasSuffix("\n") { text.removeLast() }
    return text
}

private let site = SimSite(configuration: SimSiteConfiguration(cables: 400, seed: 3, builds: 8), build: 7)

@Test func cablePagesRoundTripToTheCanonicalText() throws {
    let released = site.releasedCables()
    #expect(released.count > 300)
    for cable in released.prefix(120) {
        let page = try #require(site.html(at: cable.path))
        let parts = blocks(of: page)
        #expect(parts.count == 2)
        let header = unmark(parts[0])
        let canonical =
            (header == SimulatedCable.partialExtractPlaceholder ? "" : header) + "\n\n" + unmark(parts[1])
        #expect(SimulatedCable.sha256Hex(canonical) == cable.contentSHA256)
    }
}

@Test func preBlocksHaveNoRawNewlinesAndAnchorsBeforeParagraphs() throws {
    let cable = try #require(site.releasedCables().first)
    let page = try #require(site.html(at: cable.path))
    for block in blocks(of: page) { #expect(!block.contains("\n")) }
    let body = blocks(of: page)[1]
    #expect(body.contains("&#x000A;<a id='par1' href='#par1'>¶</a>1. ("))
    #expect(body.contains("<a href='/tag/"))
    #expect(page.contains("<h3>Viewing cable \(cable.referenceId), "))
    #expect(page.contains("<td><a href='/date/\(cable.created.prefix(7))_0.html'>\(cable.created)</a></td>"))
    #expect(page.contains("<td><a href='/reldate/\(cable.released)_0.html'>\(cable.released) 00:00</a></td>"))
    #expect(page.hasSuffix("</html>\n"))
    #expect(page.hasPrefix("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\""))
    #expect(page.contains("<title>Cable Viewer</title>"))
}

@Test func listingPagesHoldFiftyRowsAndAPaginator() throws {
    let counter = site.counter
    let home = try #require(site.html(at: "/index.html"))
    #expect(home == site.html(at: "/cablegate.html"))
    #expect(home.contains("<p>Currently released so far... \(counter.released) / \(counter.total)</p>"))
    let firstDay = "2010-11-28"
    let tagPages = site.allPaths().filter { $0.hasPrefix("/classification/5_") }
    #expect(tagPages.count >= 2)
    let first = try #require(site.html(at: "/classification/5_0.html"))
    #expect(first.components(separatedBy: "<tr>\n<td>").count - 1 == 50)
    #expect(first.contains("<tr><th>Reference ID</th><th>Subject</th><th>Created</th><th>Released</th>"))
    let last = tagPages.count - 1
    let lastPage = try #require(site.html(at: "/classification/5_\(last).html"))
    let rows = lastPage.components(separatedBy: "<tr>\n<td>").count - 1
    #expect(rows >= 1 && rows <= 50)
    let selfLink = "<a href='/classification/5_\(last).html'>&gt;&gt;</a></div>"
    #expect(lastPage.components(separatedBy: selfLink).count - 1 == 2)
    #expect(lastPage.contains("<b>\(last + 1)</b>"))
    #expect(first.contains("<div class='paginator'><a href='/classification/5_0.html'>&lt;&lt;</a> <b>1</b>"))
    #expect(site.html(at: "/classification/5_\(last + 1).html") == nil)
    #expect(home.contains("<li><a href='/reldate/\(firstDay)_0.html'>2010/11/28</a></li>"))
    #expect(home.contains("<a href='/classification/2_0.html' title='SECRET'>CONFIDENTIAL//NOFORN</a>"))
}

@Test func listingRowsAreNewestReleaseFirst() throws {
    let page = try #require(site.html(at: "/classification/1_0.html"))
    let days = page.components(separatedBy: "<td><a href='/reldate/").dropFirst().map { String($0.prefix(10)) }
    #expect(days.count >= 10)
    #expect(days == days.sorted(by: >))
}

@Test func subjectsAreEscapedOutsidePre() throws {
    let cable = try #require(site.releasedCables().first { $0.subject.contains("&") })
    let page = try #require(site.html(at: cable.path))
    let escaped = cable.subject.replacingOccurrences(of: "&", with: "&amp;")
    #expect(page.contains("<h3>Viewing cable \(cable.referenceId), \(escaped)</h3>"))
}

@Test func cutPreVariantLeavesTheSecondBlockOpen() throws {
    let cable = try #require(site.releasedCables().first)
    let page = try #require(site.page(at: cable.path, variant: .cutPre))
    let text = String(decoding: page.body, as: UTF8.self)
    #expect(text.components(separatedBy: "<code><pre").count - 1 == 2)
    #expect(text.components(separatedBy: "</pre></code>").count - 1 == 1)
    #expect(text.hasSuffix("</html>\n"))
}

@Test func legacyBuildsUseMonthlyListingsWithoutReleasedColumn() throws {
    let legacySite = SimSite(
        configuration: SimSiteConfiguration(cables: 200, seed: 3, builds: 6, legacyBuilds: 2), build: 1)
    let home = try #require(legacySite.html(at: "/index.html"))
    #expect(home.contains("<li><a href='/reldate/2010-11_0.html'>2010/11</a></li>"))
    let listing = try #require(legacySite.html(at: "/reldate/2010-11_0.html"))
    #expect(!listing.contains("<th>Released</th>"))
    #expect(listing.contains("<tr><th>Reference ID</th><th>Subject</th><th>Created</th><th>Classification</th>"))
    let cable = try #require(legacySite.releasedCables().first)
    let page = try #require(legacySite.html(at: cable.path))
    #expect(page.contains("<tr><th>Reference ID</th><th>Date</th><th>Classification</th><th>Origin</th></tr>"))
    legacySite.setBuild(2)
    let modern = try #require(legacySite.html(at: "/index.html"))
    #expect(modern.contains("<li><a href='/reldate/2010-11-30_0.html'>2010/11/30</a></li>"))
}

@Test func concurrentAdvancesMoveOneBuildEach() async {
    let racingSite = SimSite(configuration: SimSiteConfiguration(cables: 100, seed: 8, builds: 10))
    await withTaskGroup(of: Void.self) { group in
        for _ in 0..<4 { group.addTask { _ = racingSite.advance() } }
    }
    #expect(racingSite.currentBuild == 4)
}
