import Crypto
import Testing

@testable import CablewatchCore

/// The canonical text of 06SEOUL1789 computed straight from the seed's text rendering, without the parser.
private func expectedSeedCanonicalText() throws -> String {
    let lines = try Fixtures.text("seed-06SEOUL1789.txt").split(separator: "\n", omittingEmptySubsequences: false)
    let headerStart = try #require(lines.firstIndex(of: "VZCZCXYZ0008"))
    let headerEnd = try #require(lines.firstIndex(of: "RUEHNO/USMISSION USNATO 0181"))
    let bodyStart = try #require(lines.firstIndex { $0.hasPrefix("C O N F I D E N T I A L SEOUL 001789") })
    let header = lines[headerStart...headerEnd].joined(separator: "\n")
    let body = lines[bodyStart...].joined(separator: "\n")
    return header + "\n\n" + body
}

private func independentSHA256(_ text: String) -> String {
    SHA256.hash(data: Array(text.utf8)).map { byte in
        let hex = String(byte, radix: 16)
        return byte < 16 ? "0" + hex : hex
    }.joined()
}

@Test func seedCablePageParsesToItsKnownValues() throws {
    let bytes = try Fixtures.bytes("cable-seed.html")
    let page = try PageParser.parse(bytes)
    #expect(page.counter == ReleaseCounter(released: 64621, total: 251_287))
    let cable = try #require(page.cable)
    #expect(cable.referenceId == "06SEOUL1789")
    #expect(cable.classification == "CONFIDENTIAL//NOFORN")
    #expect(cable.origin == "Embassy Seoul")
    #expect(cable.created == "2006-05-26 08:10")
    #expect(cable.released == "2011-04-28 00:00")
    #expect(cable.headline == "ROK GENERALLY UPBEAT ON STRONGER TIES WITH NATO,")
    #expect(cable.fields.tags == ["PREL", "PINR", "PINS", "AS", "JA", "NZ", "KN", "KS"])
    #expect(
        cable.fields.subject
            == "ROK GENERALLY UPBEAT ON STRONGER TIES WITH NATO, BUT SENSITIVE TO DPRK'S PERCEPTION")
    #expect(cable.fields.dateTimeGroup == "O 260810Z MAY 06")
    #expect(cable.fields.from == "AMEMBASSY SEOUL")
    #expect(cable.fields.to == ["RUEHC/SECSTATE WASHDC IMMEDIATE 8151"])
    #expect(cable.fields.executiveOrder == "DECL: AFTER KOREAN REUNIFICATION")
    #expect(cable.fields.classifiedBy == "POL M/C Joseph Y. Yun.  Reasons 1.4 (b, d).")
    #expect(cable.fields.reference == nil)
    #expect(!cable.isPartialExtract)
    #expect(cable.articles.isEmpty)
    #expect(cable.hashes.rawSHA256 == independentSHA256(String(decoding: bytes, as: UTF8.self)))
}

@Test func seedContentHashIsSHA256OfIndependentlyBuiltCanonicalText() throws {
    let cable = try PageParser.parseCable(try Fixtures.bytes("cable-seed.html"))
    let expected = try expectedSeedCanonicalText()
    #expect(cable.canonicalText == expected)
    #expect(cable.hashes.contentSHA256 == independentSHA256(expected))
    #expect(cable.body.hasPrefix("C O N F I D E N T I A L SEOUL 001789 \n \nSIPDIS \n"))
    #expect(cable.body.contains("\n1.  (C) According to officials"))
    #expect(!cable.body.contains("¶"))
    #expect(cable.body.hasSuffix("VERSHBOW"))
}

@Test func differentMarkupOfTheSameCableHashesTheSame() throws {
    let plain = try PageParser.parseCable(try Fixtures.bytes("cable-seed.html"))
    let variant = try PageParser.parseCable(try Fixtures.bytes("cable-seed-variant.html"))
    #expect(variant.hashes.contentSHA256 == plain.hashes.contentSHA256)
    #expect(variant.hashes.whitespaceInsensitiveSHA256 == plain.hashes.whitespaceInsensitiveSHA256)
    #expect(variant.hashes.rawSHA256 != plain.hashes.rawSHA256)
    #expect(variant.fields == plain.fields)
}

@Test func whitespaceOnlyEditChangesContentHashButNotWhitespaceInsensitiveHash() throws {
    let original = try Fixtures.text("cable-seed.html")
    let marker = "Kang predicted that a &#x000A; &#x000A;strengthened"
    #expect(original.contains(marker))
    let edited = original.replacingOccurrences(of: marker, with: "Kang predicted that a&#x000A;strengthened  ")
    let before = try PageParser.parseCable(Array(original.utf8))
    let after = try PageParser.parseCable(Array(edited.utf8))
    #expect(after.hashes.contentSHA256 != before.hashes.contentSHA256)
    #expect(after.hashes.whitespaceInsensitiveSHA256 == before.hashes.whitespaceInsensitiveSHA256)

    let reworded = original.replacingOccurrences(
        of: marker, with: "Kang predicted that the &#x000A; &#x000A;strengthened")
    let changed = try PageParser.parseCable(Array(reworded.utf8))
    #expect(changed.hashes.whitespaceInsensitiveSHA256 != before.hashes.whitespaceInsensitiveSHA256)
}
