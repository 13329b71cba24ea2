import Foundation
import Testing

@testable import CablegateSim

/// A small site whose 96 builds run from 2010-11-28 to 2011-03-03, across all three sidebar forms, at `build` (each
/// test makes its own: tests run in parallel and a site's build is shared state).
private func longSite(atBuild build: Int) -> SimSite {
    SimSite(configuration: SimSiteConfiguration(cables: 400, seed: 5, builds: 96), build: build)
}

/// The sidebar's release-day block: from its heading to the next `<h3>`.
private func releaseBlock(_ page: String) throws -> Substring {
    let heading = try #require(page.range(of: "<h3>Browse latest releases</h3>\n"))
    let end = try #require(page.range(of: "<h3>", range: heading.upperBound..<page.endIndex))
    return page[heading.upperBound..<end.lowerBound]
}

/// The release days the block links, in page order.
private func linkedDays(_ block: Substring) -> [String] {
    block.components(separatedBy: "<a href='/reldate/").dropFirst().map { String($0.prefix(10)) }
}

/// The home page of `site` at its era's path.
private func home(_ site: SimSite) throws -> String {
    try #require(site.html(at: site.homePath))
}

@Test func firstDaysUseFormAWithTheFirstDaysFrame() throws {
    let site = longSite(atBuild: 2)
    let page = try home(site)
    #expect(site.homePath == "/index.html")
    let block = try releaseBlock(page)
    #expect(block.hasPrefix("<div class='sort' id='ryear_11'>\n<a href='/reldate/2010-11-30_0.html'>2010/11/30</a>\n"))
    #expect(linkedDays(block) == ["2010-11-30", "2010-11-29", "2010-11-28"])
    #expect(page.contains("<div class='pane small'>\n<a href='/index.html'>\n<img "), "no support banner yet")
    #expect(page.contains("<div id='browse'>\n<h3>Articles</h3>\n<div class='sort'>\n"))
    #expect(!page.contains("<p>\n<i>\n"), "no motto yet")
    #expect(page.contains("<script src='/static/js/js.js' type='text/javascript'></script>"))
    #expect(page.contains("<div class='langlist rightcol'>"))
}

@Test func decemberAndJanuaryUseFormBNewestFirst() throws {
    for build in [3, 64] {
        let site = longSite(atBuild: build)
        let page = try home(site)
        #expect(site.homePath == "/cablegate.html")
        let block = try releaseBlock(page)
        #expect(block.hasPrefix("<div class='sort'>\n<a href='/reldate/"))
        #expect(block.hasSuffix("</div>\n"))
        let days = linkedDays(block)
        #expect(days.first == site.schedule.releaseDay(ofBuild: build).dayString)
        #expect(days == days.sorted(by: >) && days.last == "2010-11-28")
        #expect(page.contains("<div class='pane small'>\n<a href='/support.html'>\n<img "))
        #expect(page.contains("</div>\n<p>\n<i>\n"), "the motto closes the sidebar")
    }
}

@Test func fromFebruaryFormCPicksMonthsThenListsDaysOldestFirst() throws {
    let site = longSite(atBuild: 65)
    let page = try home(site)
    #expect(site.schedule.releaseDay(ofBuild: 65).dayString == "2011-02-01")
    let block = try releaseBlock(page)
    #expect(
        block.hasPrefix(
            "<div class='pick'>\n<a class='sort fix' href='#rdate_201011' onclick=\"return swap('rdate_201011');\">"
                + "2010/11</a>\n<a class='sort fix' href='#rdate_201012'"))
    #expect(block.contains("</div>\n<div class='sort' id='rdate_201011'>\n<a href='/reldate/2010-11-28_0.html'>"))
    #expect(
        block.contains("<div class='sort' id='rdate_201102'>\n<a href='/reldate/2011-02-01_0.html'>2011/02/01</a>\n"))
    let days = linkedDays(block)
    #expect(days == days.sorted() && days.first == "2010-11-28" && days.last == "2011-02-01")
    #expect(page.contains("<h3>Articles</h3>"))
}

@Test func articlesAndTranslationsEndWithFebruary() throws {
    let february = longSite(atBuild: 92)
    let lastFebruary = try home(february)
    #expect(february.schedule.releaseDay(ofBuild: 92).dayString == "2011-02-28")
    #expect(lastFebruary.contains("<h3>Articles</h3>") && lastFebruary.contains("langlist"))
    let march = try home(longSite(atBuild: 93))
    #expect(!march.contains("<h3>Articles</h3>") && !march.contains("langlist"))
    #expect(march.contains("<div id='browse'>\n<h3>Browse latest releases</h3>\n<div class='pick'>"))
}

@Test func aForcedSidebarFormAppliesToEveryBuild() throws {
    let forcedC = SimSite(
        configuration: SimSiteConfiguration(cables: 200, seed: 5, builds: 6, sidebarForm: .c), build: 0)
    #expect(try releaseBlock(try home(forcedC)).hasPrefix("<div class='pick'>\n"))
    #expect(forcedC.homePath == "/cablegate.html")
    let forcedA = SimSite(
        configuration: SimSiteConfiguration(cables: 200, seed: 5, builds: 6, sidebarForm: .a), build: 5)
    let block = try releaseBlock(try home(forcedA))
    #expect(block.hasPrefix("<div class='sort' id='ryear_12'>\n<a href='/reldate/2010-12-03_0.html'>"))
    #expect(forcedA.homePath == "/index.html")
}

@Test func theHomePageAnswersAtBothPathsInEveryEra() throws {
    for build in [0, 10, 70] {
        let site = longSite(atBuild: build)
        let index = try #require(site.html(at: "/index.html"))
        #expect(index == site.html(at: "/cablegate.html"))
        #expect(index.contains("<div class='pane big'>\n<h1>"))
        #expect(Array(site.allPaths().prefix(2)) == ["/index.html", "/cablegate.html"])
    }
}

@Test func sidebarGroupsDatesByYearAndOriginsAndTagsByLetter() throws {
    let page = try home(longSite(atBuild: 30))
    #expect(page.contains("<h3>Browse by creation <a href='#year_"))
    #expect(page.contains("<a class='sort' href='#year_2008' onclick=\"return swap('year_2008');\">08</a>\n"))
    #expect(page.contains("<div class='sort' id='year_2008'>\n<a href='/date/2008-"))
    #expect(
        page.contains("<h3>Browse by <a href='#by_A' onclick='return sha(1);'>origin</a></h3>\n<div class='pick'>\n"))
    let secretary = try #require(page.range(of: ">Secretary of State</a>"))
    let groupS = try #require(page.range(of: "<div class='sort' id='by_S'>"))
    let groupT = try #require(page.range(of: "<div class='sort' id='by_T'>"))
    #expect(groupS.upperBound < secretary.lowerBound && secretary.lowerBound < groupT.lowerBound)
    #expect(page.contains("<div class='sort' id='tag_P'>\n"))
    #expect(page.contains("<a href='/tag/PREL_0.html'>PREL</a>\n"))
}

@Test func theRealPaginatorLinksFirstPreviousCurrentNextAndLast() {
    #expect(
        Paginator.render(kind: .releaseDay, key: "2011-02-04", page: 3, lastPage: 7)
            == "<div class='paginator'><a href='/reldate/2011-02-04_2.html'>&lt;&lt; </a>"
            + "<a href='/reldate/2011-02-04_0.html'>1</a> .. <a href='/reldate/2011-02-04_2.html'>3</a> "
            + "<b><a href='/reldate/2011-02-04_3.html'>4</a></b> <a href='/reldate/2011-02-04_4.html'>5</a> .. "
            + "<a href='/reldate/2011-02-04_7.html'>8</a><a href='/reldate/2011-02-04_4.html'> &gt;&gt;</a></div>\n")
    #expect(
        Paginator.render(kind: .origin, key: "1", page: 0, lastPage: 0)
            == "<div class='paginator'><a href='/origin/1_0.html'>&lt;&lt;</a><a href='/origin/1_0.html'>1</a> ..  "
            + "<b><a href='/origin/1_0.html'>1</a></b>  .. <a href='/origin/1_0.html'>1</a>"
            + "<a href='/origin/1_0.html'>&gt;&gt;</a></div>\n")
    #expect(
        Paginator.render(kind: .tag, key: "PREL", page: 1, lastPage: 1)
            == "<div class='paginator'><a href='/tag/PREL_0.html'>&lt;&lt; </a><a href='/tag/PREL_0.html'>1</a> .. "
            + "<a href='/tag/PREL_0.html'>1</a> <b><a href='/tag/PREL_1.html'>2</a></b>  .. "
            + "<a href='/tag/PREL_1.html'>2</a><a href='/tag/PREL_1.html'> &gt;&gt;</a></div>\n")
}

@Test func aListOfExactlyFiftyRowsHasAnEmptyTrailingPage() throws {
    // The last build lists exactly 50 new cables and moves no other: its day's listing holds exactly 50 rows.
    let site = SimSite(
        configuration: SimSiteConfiguration(
            cables: 400, seed: 2, builds: 6, finalBuild: SimFinalBuildPlan(added: 50, changed: 0)), build: 5)
    let day = "/reldate/2010-12-03_"
    #expect(site.allPaths().filter { $0.hasPrefix(day) } == [day + "0.html", day + "1.html"])
    let full = try #require(site.html(at: day + "0.html"))
    #expect(full.components(separatedBy: "<tr>\n<td>").count - 1 == 50)
    #expect(full.contains(" .. <a href='\(day)1.html'>2</a><a href='\(day)1.html'> &gt;&gt;</a></div>"))
    let empty = try #require(site.html(at: day + "1.html"))
    #expect(empty.contains("<th>Origin</th>\n</tr>\n</table>\n<div class='paginator'>"))
    #expect(!empty.contains("<td>"))
    #expect(empty.contains("<b><a href='\(day)1.html'>2</a></b>  .. <a href='\(day)1.html'>2</a>"))
    #expect(site.html(at: day + "2.html") == nil)
}

@Test func cablePagesLinkUpToSevenArticles() throws {
    let counts = Set((0..<400).map { PageRenderer.articleCount(ofCable: $0) })
    #expect(counts == Set(0...7))
    let site = longSite(atBuild: 95)
    let index = try #require((0..<400).first { PageRenderer.articleCount(ofCable: $0) == 4 })
    let page = try #require(site.html(at: site.corpus.cables[index].path))
    let row = try #require(page.range(of: "<tr>\n<td colspan='5'>\nAppears in these articles:<br />\n"))
    let end = try #require(page.range(of: "</td>\n</tr>\n</table>\n<code><pre>", range: row.upperBound..<page.endIndex))
    #expect(page[row.upperBound..<end.lowerBound].components(separatedBy: "<br />\n").count - 1 == 4)
}
