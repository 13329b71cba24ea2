import Testing

@testable import CablewatchCore

@Test func middleListingPageReadsAllRowsAndZeroBasedPagination() throws {
    let page = try PageParser.parse(try Fixtures.bytes("listing-middle.html"))
    let listing = try #require(page.listing)
    #expect(listing.rows.count == 50)
    #expect(listing.page == 1)
    #expect(listing.lastPage == 2)
    #expect(page.counter == ReleaseCounter(released: 64621, total: 251_287))
    let first = listing.rows[0]
    #expect(first.referenceId == "09STATE100050")
    #expect(first.cablePath == "/cable/2009/10/09STATE100050.html")
    #expect(first.subject == "SUBJECT NUMBER 50 & MORE")
    #expect(first.created == "2009-10-23")
    #expect(first.released == "2011-04-28")
    // Link text, never the wrong title= attribute.
    #expect(first.classification == "SECRET")
    #expect(first.origin == "Embassy Seoul")
    #expect(page.cable == nil)
}

@Test func lastListingPageKeepsMalformedReferenceIdsVerbatim() throws {
    let listing = try PageParser.parseListing(try Fixtures.bytes("listing-last.html"))
    #expect(listing.page == 2)
    #expect(listing.lastPage == 2)
    #expect(listing.rows.count == 7)
    let odd = listing.rows.suffix(2)
    #expect(odd.map(\.referenceId) == ["7575LIBREVILLE1895", "06ASTANA"])
    #expect(odd.map(\.subject) == ["GABON <UPDATE>", "KAZAKHSTAN: ENERGY & POLITICS"])
    #expect(odd.map(\.classification) == ["CONFIDENTIAL", "UNCLASSIFIED"])
    #expect(odd.map(\.cablePath).last == "/cable/2006/01/06ASTANA.html")
    // This page writes its counter with U+00A0 around '/' and no thousands separator.
    let counter = try PageParser.parseCounter(try Fixtures.bytes("listing-last.html"))
    #expect(counter == ReleaseCounter(released: 64621, total: 251_287))
}

@Test func focusedEntryPointsRejectTheOtherPageKind() throws {
    let listingPage = try Fixtures.bytes("listing-middle.html")
    let cablePage = try Fixtures.bytes("cable-seed.html")
    #expect {
        try PageParser.parseCable(listingPage)
    } throws: { error in
        (error as? PageParseError)?.kind == .missingCableTable
    }
    #expect {
        try PageParser.parseListing(cablePage)
    } throws: { error in
        (error as? PageParseError)?.kind == .missingListing
    }
    #expect(try PageParser.parse(cablePage).listing == nil)
}

@Test func earlyFiveColumnListingHasNoReleasedDate() throws {
    let page = try PageParser.parse(try Fixtures.bytes("listing-early.html"))
    let listing = try #require(page.listing)
    #expect(listing.rows.count == 3)
    #expect(listing.rows.allSatisfy { $0.released == nil })
    #expect(listing.rows[2].referenceId == "09STATE100002")
    #expect(listing.rows[2].classification == "SECRET")
    #expect(listing.page == 0 && listing.lastPage == 0)
    #expect(page.releaseDays.map(\.key) == ["2010-12", "2010-11"])
}

@Test func listingColumnOrderComesFromTheHeaderRow() throws {
    let html = """
        <html><body><div id="right"><DIV CLASS="paginator"><a href="/tag/X_0.html">&lt;&lt;</a> <B>1</B>
        <a href="/tag/X_0.html">&gt;&gt;</a></DIV>
        <TABLE class="cable">
        <TR> <TH>Origin</TH><TH>Classification</TH><TH>Released</TH><TH>Created</TH><TH>Subject</TH>
        <TH>Reference ID</TH></TR>
        <TR> <TD><A HREF="/origin/1_0.html">Embassy Tokyo</A></TD> <TD><a href="/classification/1_0.html"
        title="SECRET">CONFIDENTIAL</a></TD>
        <TD><a href="/reldate/2010-12-01_0.html">2010-12-01</a></TD><TD><a href="/date/2009-01_0.html">2009-01-02</a></TD>
        <TD>  TOKYO   &quot;MEDIA&quot; REACTION </TD><TD><a href="/cable/2009/01/09TOKYO1.html">09TOKYO1</a></TD></TR>
        </TABLE></div></body></html>
        """
    let listing = try PageParser.parseListing(Array(html.utf8))
    #expect(
        listing.rows == [
            ListingRow(
                referenceId: "09TOKYO1", cablePath: "/cable/2009/01/09TOKYO1.html", subject: "TOKYO \"MEDIA\" REACTION",
                created: "2009-01-02", released: "2010-12-01", classification: "CONFIDENTIAL", origin: "Embassy Tokyo")
        ])
}

@Test func listingRowWithMissingCellsIsAnError() {
    let html = """
        <html><body><table class='cable'><tr><th>Reference ID</th><th>Subject</th><th>Created</th>
        <th>Classification</th><th>Origin</th></tr>
        <tr><td><a href='/cable/2009/01/09TOKYO1.html'>09TOKYO1</a></td><td>S</td></tr></table></body></html>
        """
    #expect {
        try PageParser.parse(Array(html.utf8))
    } throws: { error in
        (error as? PageParseError)?.kind == .malformedListing
            && (error as? PageParseError)?.description.contains("2 cells") == true
    }
}
