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

@Test func releaseDayLinksOutsideTheReleasesListAreIgnored() throws {
    let html = """
        <html><body><div id='left'><h3>Browse latest releases</h3><ul class='releases'>
        <li><a href='/reldate/2011-04-28_0.html'>2011/04/27</a></li><li><a href='/reldate/bogus_0.html'>x</a></li>
        </ul><ul><li><a href='/reldate/2009-01-01_0.html'>2009/01/01</a></li></ul></div></body></html>
        """
    #expect(try PageParser.parseReleaseDays(Array(html.utf8)).map(\.key) == ["2011-04-28"])
}
