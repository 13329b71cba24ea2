import Testing

@testable import CablewatchCore

@Test func earlyFourColumnCableHasOneDateAndNoReleased() throws {
    let cable = try PageParser.parseCable(try Fixtures.bytes("cable-early.html"))
    #expect(cable.referenceId == "7575LIBREVILLE1895")
    #expect(cable.created == "1975-07-15 10:00")
    #expect(cable.released == nil)
    #expect(cable.classification == "CONFIDENTIAL")
    #expect(cable.origin == "Embassy Libreville")
    #expect(cable.headline == "PRESIDENT BONGO ON")
    #expect(cable.fields.tags == ["PFOR", "GB", "US"])
    #expect(cable.fields.subject == "PRESIDENT BONGO ON REGIONAL AFFAIRS")
    #expect(cable.fields.reference == "STATE 123456")
    #expect(cable.fields.dateTimeGroup == "R 151000Z JUL 75")
    #expect(cable.fields.from == "AMEMBASSY LIBREVILLE")
    #expect(cable.fields.to == ["SECSTATE WASHDC 1234"])
}

@Test func articlesRowsAreCollectedAndMultiLineToIsRead() throws {
    let cable = try PageParser.parseCable(try Fixtures.bytes("cable-articles.html"))
    #expect(cable.referenceId == "09STATE100153")
    #expect(cable.released == "2010-12-05 12:00")
    #expect(
        cable.articles == [
            "http://www.example.org/one", "http://news.example.com/two?a=1&b=2", "http://www.example.net/three",
        ])
    #expect(cable.fields.tags == ["PREL", "KN"])
    #expect(cable.fields.classifiedBy == "EAP A/S Kurt Campbell, Reasons 1.4 (b) and (d).")
    #expect(cable.fields.executiveOrder == "DECL: 10/01/2019")
    #expect(cable.fields.dateTimeGroup == "P 011805Z OCT 09")
    #expect(
        cable.fields.to == [
            "RUEHBJ/AMEMBASSY BEIJING PRIORITY 0001", "RUEHKO/AMEMBASSY TOKYO PRIORITY 0002",
            "RUEHUL/AMEMBASSY SEOUL PRIORITY 0003",
        ])
}

@Test func partialExtractHasEmptyHeaderInItsCanonicalText() throws {
    let cable = try PageParser.parseCable(try Fixtures.bytes("cable-partial.html"))
    #expect(cable.referenceId == "08SCTION02OF02SAOPAULO335")
    #expect(cable.isPartialExtract)
    #expect(cable.header.isEmpty)
    #expect(cable.canonicalText.hasPrefix("\n\nUNCLAS SECTION 02 OF 02 SAO PAULO 000335\n"))
    #expect(cable.hashes.contentSHA256 == ContentHasher.sha256Hex(cable.canonicalText))
    #expect(cable.fields.dateTimeGroup == nil)
    #expect(cable.fields.tags.isEmpty)
    #expect(cable.fields.subject == nil)
    #expect(cable.headline == "(U) ETHANOL EXPORTS")
}

@Test func rawAmpersandsStrayBreaksAndTableClosersStayCableText() throws {
    let cable = try PageParser.parseCable(try Fixtures.bytes("cable-raw-markup.html"))
    #expect(cable.referenceId == "06ASTANA")
    #expect(cable.classification == "UNCLASSIFIED")
    #expect(cable.origin == "Embassy Astana")
    #expect(cable.headline == "KAZAKHSTAN: OIL & GAS <BR> UPDATE </TABLE> AND")
    #expect(
        cable.body == """
            UNCLAS ASTANA 000099

            E.O. 12958: N/A
            TAGS: ENRG, EPET, KZ
            SUBJECT: KAZAKHSTAN: OIL & GAS <br> UPDATE </table> AND
            PIPELINE Q&A &c. & <MORE>

            REF: A) ASTANA 12
            B) ASTANA 34

            1. AT&T AND R&D <br> TEXT</table>.
            ORDWAY
            """)
    #expect(cable.fields.tags == ["ENRG", "EPET", "KZ"])
    #expect(cable.fields.subject == "KAZAKHSTAN: OIL & GAS <br> UPDATE </table> AND PIPELINE Q&A &c. & <MORE>")
    #expect(cable.fields.reference == "A) ASTANA 12 B) ASTANA 34")
    #expect(cable.fields.executiveOrder == "N/A")
    #expect(cable.fields.to == ["RUEHC/SECSTATE WASHDC 4321"])
}

@Test func cablePageWithoutItsSecondBlockIsAnErrorNotAHalfCable() throws {
    let text = try Fixtures.text("cable-early.html")
    let lastBlock = try #require(text.range(of: "<code><pre>", options: .backwards))
    var broken = text
    broken.replaceSubrange(lastBlock, with: "<p>")
    #expect {
        try PageParser.parse(Array(broken.utf8))
    } throws: { error in
        (error as? PageParseError)?.kind == .missingTextBlocks
            && (error as? PageParseError)?.description.contains("block 2 of 2") == true
    }
}

@Test func unclosedTextBlockIsAnError() throws {
    let text = try Fixtures.text("cable-early.html")
    let broken = text.replacingOccurrences(of: "SMITH</pre></code>", with: "SMITH</pre>")
    #expect(broken != text)
    #expect {
        try PageParser.parseCable(Array(broken.utf8))
    } throws: { error in
        (error as? PageParseError)?.kind == .missingTextBlocks
            && (error as? PageParseError)?.description.contains("not closed by </pre></code>") == true
    }
}

@Test func cableTableWithoutDataRowIsAnError() throws {
    let text = try Fixtures.text("cable-early.html")
    let start = try #require(text.range(of: "<tr>\n<td>"))
    let end = try #require(text.range(of: "</tr>\n</table>"))
    var broken = text
    broken.replaceSubrange(start.lowerBound..<end.upperBound, with: "</table>")
    #expect {
        try PageParser.parse(Array(broken.utf8))
    } throws: { error in
        (error as? PageParseError)?.kind == .malformedCableTable
    }
}

@Test func invalidUTF8InCableTextIsReported() throws {
    var bytes = try Fixtures.bytes("cable-early.html")
    let marker = Array("SMITH".utf8)
    let index = try #require(
        bytes.indices.first { bytes[$0..<min($0 + marker.count, bytes.count)].elementsEqual(marker) })
    bytes[index] = 0xFF
    #expect {
        try PageParser.parseCable(bytes)
    } throws: { error in
        (error as? PageParseError)?.kind == .invalidUTF8 && (error as? PageParseError)?.offset != nil
    }
}
