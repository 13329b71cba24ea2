import Foundation
import Testing

@testable import CablewatchCore

/// What `expected.json` says one real page holds, read independently of our parser.
private struct ExpectedPage: Decodable {
    struct Listing: Decodable {
        var rows: Int
        var page: Int
        var lastPage: Int
        var firstReferenceId: String?
        var lastReferenceId: String?
    }
    struct Cable: Decodable {
        var referenceId: String
        var created: String
        var released: String?
        var classification: String
        var origin: String
        var preBlocks: Int
    }
    var counter: [Int]?
    var releaseDays: [String]?
    var listing: Listing?
    var cable: Cable?
}

private func expectedPages() throws -> [(name: String, expected: ExpectedPage)] {
    let data = try Data(contentsOf: RealPages.directory.appendingPathComponent("expected.json"))
    return try JSONDecoder().decode([String: ExpectedPage].self, from: data).sorted { $0.key < $1.key }
        .map { (name: $0.key, expected: $0.value) }
}

@Test(.enabled(if: RealPages.available, RealPages.skipReason))
func everyRealPageParsesAsExpectedJSONSays() throws {
    let pages = try expectedPages()
    #expect(pages.count == 20)
    for (name, expected) in pages {
        let bytes = try RealPages.bytes(name)
        guard expected.counter != nil || expected.listing != nil || expected.cable != nil else {
            // The WikiLeaks main home page: not a Cable Viewer page at all.
            #expect(throws: PageParseError.self, "\(name) is not a Cable Viewer page") {
                try PageParser.parse(bytes)
            }
            continue
        }
        let page = try PageParser.parse(bytes)
        let counter = page.counter.map { [$0.released, $0.total] }
        #expect(counter == expected.counter, "\(name): counter")
        #expect(page.releaseDays.map(\.key) == (expected.releaseDays ?? []), "\(name): release days")
        if let listing = expected.listing {
            let parsed = try #require(page.listing, "\(name): no listing parsed")
            #expect(parsed.rows.count == listing.rows, "\(name): rows")
            #expect(parsed.page == listing.page, "\(name): page")
            #expect(parsed.lastPage == listing.lastPage, "\(name): last page")
            #expect(parsed.rows.first?.referenceId == listing.firstReferenceId, "\(name): first row")
            #expect(parsed.rows.last?.referenceId == listing.lastReferenceId, "\(name): last row")
        } else {
            #expect(page.listing == nil, "\(name): a listing where there is none")
        }
        if let cable = expected.cable {
            let parsed = try #require(page.cable, "\(name): no cable parsed")
            #expect(parsed.referenceId == cable.referenceId, "\(name): reference ID")
            #expect(parsed.created == cable.created, "\(name): created")
            #expect(parsed.released == cable.released, "\(name): released")
            #expect(parsed.classification == cable.classification, "\(name): classification")
            #expect(parsed.origin == cable.origin, "\(name): origin")
            #expect(cable.preBlocks == 2)
            #expect(parsed.isPartialExtract || !parsed.header.isEmpty, "\(name): header block")
            #expect(!parsed.body.isEmpty, "\(name): body block")
            #expect(parsed.fields.subject != nil || !parsed.headline.isEmpty, "\(name): subject")
        } else {
            #expect(page.cable == nil, "\(name): a cable where there is none")
        }
    }
}

@Test(.enabled(if: RealPages.available, RealPages.skipReason))
func everyRealCablePageOfTheLastBuildParses() throws {
    let names = try RealPages.cablePageNames()
    #expect(names.count == 59)
    for name in names {
        let page = try PageParser.parse(try RealPages.bytes("cables/" + name))
        let cable = try #require(page.cable, "\(name): no cable parsed")
        #expect(cable.referenceId + ".html" == name)
        // One of them is a stale page an older build left on disk (counter 2497, 46 release days).
        let counter = try #require(page.counter, "\(name): counter")
        #expect([2497, 6693].contains(counter.released) && counter.total == 251_287, "\(name): counter")
        #expect(page.releaseDays.count == (counter.released == 6693 ? 130 : 46), "\(name): release days")
        #expect(page.listing == nil)
        #expect(!cable.body.isEmpty && (cable.isPartialExtract || !cable.header.isEmpty), "\(name): text blocks")
        #expect(cable.released != nil && !cable.classification.isEmpty && !cable.origin.isEmpty, "\(name): metadata")
    }
}

@Test(.enabled(if: RealPages.available, RealPages.skipReason))
func aRealHomePageWithItsSidebarCutOutYieldsNoReleaseDayButItsCounter() throws {
    // The caller, not the parser, decides that this is markup it does not know (SyncCycle): the parser reports
    // what is there.
    let name = "2011-04-25_c6693-avilaroman-cablegate.html"
    var text = String(decoding: try RealPages.bytes(name), as: UTF8.self)
    let start = try #require(text.range(of: "<div class='pick'>"))
    let end = try #require(text.range(of: "<h3>Browse by creation"))
    text.replaceSubrange(start.lowerBound..<end.lowerBound, with: "<ul class='days'></ul>\n")
    let page = try PageParser.parse(Array(text.utf8))
    #expect(page.counter == ReleaseCounter(released: 6693, total: 251_287))
    #expect(page.releaseDays.isEmpty)
}
