import Testing

@testable import CablewatchCore

@Test func homePageGivesCounterAndDedupedReleaseDaysInPageOrder() throws {
    let page = try PageParser.parse(try Fixtures.bytes("home.html"))
    #expect(page.counter == ReleaseCounter(released: 64621, total: 251_287))
    #expect(
        page.releaseDays.map(\.key) == [
            "2011-04-28", "2011-04-27", "2011-04-26", "2011-04-25", "2011-04-22", "2011-04-20",
        ])
    #expect(page.listing == nil)
    #expect(page.cable == nil)
}

@Test func earlyMonthlySidebarGivesMonthKeysFromHref() throws {
    let bytes = try Fixtures.bytes("home-early.html")
    let days = try PageParser.parseReleaseDays(bytes)
    #expect(days.map(\.key) == ["2010-12", "2010-11"])
    #expect(days.allSatisfy { $0.isMonthly })
    #expect(try PageParser.parseCounter(bytes) == ReleaseCounter(released: 1060, total: 251_287))
}

@Test(arguments: [
    ("64621 / 251,287", 64621, 251_287),
    ("64,621 / 251287", 64621, 251_287),
    ("64621&nbsp;/&nbsp;251,287", 64621, 251_287),
    ("64621&#160;/&#160;251,287", 64621, 251_287),
    ("64621&#xA0;/&#xa0;251,287", 64621, 251_287),
    ("64621\u{00A0}/\u{00A0}251,287", 64621, 251_287),
    ("&#8230; 7 &#47; 9", 7, 9),
])
func counterAcceptsSeparatorsAndNonBreakingSpaces(text: String, released: Int, total: Int) throws {
    let html = "<html><body><p>Currently released so far... \(text)</p></body></html>"
    #expect(try PageParser.parseCounter(Array(html.utf8)) == ReleaseCounter(released: released, total: total))
}

@Test func counterWithoutTotalIsAPreciseError() {
    let html = "<html><body><p>Currently released so far... 64621</p></body></html>"
    #expect {
        try PageParser.parseCounter(Array(html.utf8))
    } throws: { error in
        (error as? PageParseError)?.kind == .missingCounter
            && (error as? PageParseError)?.description.contains("'/'") == true
    }
}

@Test func pageWithoutCounterListingOrCableIsUnrecognised() {
    let html = "<html><head><title>Cable Viewer</title></head><body><p>Nothing here</p></body></html>"
    #expect {
        try PageParser.parse(Array(html.utf8))
    } throws: { error in
        (error as? PageParseError)?.kind == .unrecognisedPage
    }
}

@Test func releaseDayLinksAfterTheNextHeadingAreIgnored() throws {
    let html = """
        <html><body><div class='main'><div class='pane small'><div id='browse'><h3>Browse latest releases</h3>
        <div class='sort'><a href='/reldate/2011-04-28_0.html'>2011/04/27</a> <a href='/reldate/bogus_0.html'>x</a>
        </div><h3>Browse by creation date</h3><div class='sort'><a href='/reldate/2009-01-01_0.html'>2009/01/01</a>
        </div></div></div><div class='pane big'><table class='cable'><tr><td>
        <a href='/reldate/2008-02-02_0.html'>2008-02-02</a></td></tr></table></div></div></body></html>
        """
    #expect(try PageParser.parseReleaseDays(Array(html.utf8)).map(\.key) == ["2011-04-28"])
}

/// The three sidebar forms of the real site (DESIGN.md §2.1), written by hand around the same days.
private enum SidebarForm: CaseIterable {
    case a, b, c

    var html: String {
        switch self {
        case .a:
            "<div class='sort' id='ryear_11'>\n<a href='/reldate/2010-11-30_0.html'>2010/11/30</a>\n"
                + "<a href='/reldate/2010-11-29_0.html'>2010/11/29</a>\n</div>\n"
        case .b:
            "<div class='sort'>\n<a href='/reldate/2010-11-30_0.html'>2010/11/30</a>\n"
                + "<a href='/reldate/2010-11-29_0.html'>2010/11/29</a>\n</div>\n"
        case .c:
            "<div class='pick'>\n<a class='sort fix' href='#rdate_201011' onclick=\"return swap('rdate_201011');\">"
                + "2010/11</a>\n</div>\n<div class='sort' id='rdate_201011'>\n"
                + "<a href='/reldate/2010-11-29_0.html'>2010/11/29</a>\n"
                + "<a href='/reldate/2010-11-30_0.html'>2010/11/30</a>\n</div>\n"
        }
    }

    var days: [String] { self == .c ? ["2010-11-29", "2010-11-30"] : ["2010-11-30", "2010-11-29"] }
}

@Test(arguments: SidebarForm.allCases)
private func everySidebarFormOfTheRealSiteGivesItsDaysInPageOrder(form: SidebarForm) throws {
    let html =
        "<html><body><div class='main'><div class='pane small'><a href='/index.html'>"
        + "<p>Currently released so far... 291 / 251,287</p></a><div id='browse'>\n<h3>Articles</h3>\n"
        + "<div class='sort'><a href='/articles/x.html'>Somewhere</a></div>\n<h3>Browse latest releases</h3>\n"
        + form.html + "<h3>Browse by creation <a href='#year_2010'>date</a></h3>\n</div></div>"
        + "<div class='pane big'><h1>Home</h1></div></div></body></html>"
    let page = try PageParser.parse(Array(html.utf8))
    #expect(page.counter == ReleaseCounter(released: 291, total: 251_287))
    #expect(page.releaseDays.map(\.key) == form.days)
}
