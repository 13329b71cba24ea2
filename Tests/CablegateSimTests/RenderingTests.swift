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
    #expect(page.contains("<div class='pane big'>\n<h3>Viewing cable \(cable.referenceId), "))
    #expect(page.contains("<td>\n<a href='/date/\(cable.created.prefix(7))_0.html'>\(cable.created)</a>\n</td>"))
    #expect(page.contains("<td>\n<a href='/reldate/\(cable.released)_0.html'>\(cable.released) 00:00</a>\n</td>"))
    #expect(page.contains("<div id='help_1'>") && page.contains("<div id='help_2'>"))
    #expect(page.components(separatedBy: "<code><pre>").count - 1 == 2, "the real <pre> has no attribute")
    #expect(!page.contains("<pre "))
    #expect(
        page.hasSuffix(
            "</div>\n</div>\n<script src='/static/js/cables.js' type='text/javascript'></script>\n</body>\n</html>\n"))
    #expect(
        page.hasPrefix(
            "<?xml version='1.0' encoding='utf-8' ?>\n"
                + "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
                + "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
                + "<html lang='en' xml:lang='en' xmlns='http://www.w3.org/1999/xhtml'>\n<head>\n"
                + "<title>Cable Viewer</title>\n"))
    #expect(page.contains("</head>\n<body>\n<div class='main'>\n<div class='pane small'>\n"))
    #expect(!page.contains("id='right'") && !page.contains("id='left'"))
}

@Test func listingPagesHoldFiftyRowsAndAPaginator() throws {
    let counter = site.counter
    let home = try #require(site.html(at: "/index.html"))
    #expect(home == site.html(at: "/cablegate.html"))
    #expect(home.contains("<p>Currently released so far... \(counter.released) / \(counter.total)</p>\n</a>"))
    let unclassified = site.releasedCables().filter { $0.classification == "UNCLASSIFIED" }.count
    let last = unclassified / 50
    let pages = site.allPaths().filter { $0.hasPrefix("/classification/5_") }
    #expect(pages.count == last + 1 && last >= 1)
    let first = try #require(site.html(at: "/classification/5_0.html"))
    #expect(first.components(separatedBy: "<tr>\n<td>").count - 1 == 50)
    #expect(first.contains("<div class='pane big'>\n<h3>Browse by UNCLASSIFIED</h3>\n<div class='paginator'>"))
    #expect(
        first.contains(
            "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Subject</th>\n<th>Created</th>\n"
                + "<th>Released</th>\n<th>Classification</th>\n<th>Origin</th>\n</tr>\n<tr>\n<td>\n<a href='/cable/"))
    let lastPage = try #require(site.html(at: "/classification/5_\(last).html"))
    #expect(lastPage.components(separatedBy: "<tr>\n<td>").count - 1 == unclassified - 50 * last)
    let selfLink = "<a href='/classification/5_\(last).html'> &gt;&gt;</a></div>"
    #expect(lastPage.components(separatedBy: selfLink).count - 1 == 2)
    #expect(lastPage.contains("<b><a href='/classification/5_\(last).html'>\(last + 1)</a></b>  .. "))
    #expect(
        first.contains(
            "<div class='paginator'><a href='/classification/5_0.html'>&lt;&lt; </a>"
                + "<a href='/classification/5_0.html'>1</a> ..  <b><a href='/classification/5_0.html'>1</a></b> "
                + "<a href='/classification/5_1.html'>2</a> .. <a href='/classification/5_\(last).html'>\(last + 1)</a>"
                + "<a href='/classification/5_1.html'> &gt;&gt;</a></div>\n"))
    #expect(site.html(at: "/classification/5_\(last + 1).html") == nil)
    // Build 7 is released on 2010-12-05: the December form, newest day first.
    #expect(
        home.contains(
            "<h3>Browse latest releases</h3>\n<div class='sort'>\n<a href='/reldate/2010-12-05_0.html'>2010/12/05</a>\n"
                + "<a href='/reldate/2010-12-04_0.html'>2010/12/04</a>\n"))
    #expect(home.contains("<a href='/reldate/2010-11-28_0.html'>2010/11/28</a>\n</div>\n<h3>Browse by creation "))
    #expect(home.contains("<a href='/classification/2_0.html' title='SECRET'>CONFIDENTIAL//NOFORN</a>"))
}

@Test func listingRowsAreNewestReleaseFirst() throws {
    let page = try #require(site.html(at: "/classification/1_0.html"))
    let days = page.components(separatedBy: "<td>\n<a href='/reldate/").dropFirst().map { String($0.prefix(10)) }
    #expect(days.count == 50)
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
    #expect(home.contains("<div class='sort' id='ryear_11'>\n<a href='/reldate/2010-11_0.html'>2010/11</a>\n</div>"))
    let listing = try #require(legacySite.html(at: "/reldate/2010-11_0.html"))
    #expect(listing.contains("<h3>Browse by 2010/11</h3>"))
    #expect(!listing.contains("<th>Released</th>"))
    #expect(
        listing.contains(
            "<tr>\n<th>Reference ID</th>\n<th>Subject</th>\n<th>Created</th>\n<th>Classification</th>\n<th>Origin</th>")
    )
    let cable = try #require(legacySite.releasedCables().first)
    let page = try #require(legacySite.html(at: cable.path))
    #expect(
        page.contains(
            "<tr>\n<th>Reference ID</th>\n<th>Date</th>\n<th>Classification</th>\n<th>Origin</th>\n</tr>"))
    legacySite.setBuild(2)
    let modern = try #require(legacySite.html(at: "/index.html"))
    #expect(modern.contains("<div class='sort' id='ryear_11'>\n<a href='/reldate/2010-11-30_0.html'>2010/11/30</a>"))
}

@Test func concurrentAdvancesMoveOneBuildEach() async {
    let racingSite = SimSite(configuration: SimSiteConfiguration(cables: 100, seed: 8, builds: 10))
    await withTaskGroup(of: Void.self) { group in
        for _ in 0..<4 { group.addTask { _ = racingSite.advance() } }
    }
    #expect(racingSite.currentBuild == 4)
}
