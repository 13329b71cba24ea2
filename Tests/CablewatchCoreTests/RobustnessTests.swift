import Testing

@testable import CablewatchCore

@Test func truncatedSeedPageNeverParsesAsACable() throws {
    let bytes = try Fixtures.bytes("cable-seed.html")
    let htmlEnd = bytes.count - 1  // the page ends with "</html>\n"
    var parsed = 0
    for cut in stride(from: 0, through: bytes.count, by: 64) {
        let prefix = Array(bytes[..<cut])
        do {
            let page = try PageParser.parse(prefix)
            #expect(cut >= htmlEnd, "a page cut at byte \(cut) of \(bytes.count) parsed")
            #expect(page.cable != nil)
            parsed += 1
        } catch {
            #expect(error.kind == .truncated, "cut at \(cut): \(error)")
        }
    }
    #expect(parsed <= 1)
    #expect(try PageParser.parse(bytes).cable != nil)
}

@Test func truncatedPagesWithAForgedEndGiveAPreciseErrorNotAHalfCable() throws {
    let bytes = try Fixtures.bytes("cable-seed.html")
    let tail = Array("</html>".utf8)
    let contentStart = try #require(String(decoding: bytes, as: UTF8.self).range(of: "<h3>Viewing cable"))
        .lowerBound.utf16Offset(in: String(decoding: bytes, as: UTF8.self))
    for cut in stride(from: contentStart, to: bytes.count - 40, by: 64) {
        let forged = Array(bytes[..<cut]) + tail
        do {
            let page = try PageParser.parse(forged)
            #expect(page.cable == nil, "cut at \(cut) gave a cable")
        } catch {
            let precise: [PageParseError.Kind] = [.missingCableTable, .malformedCableTable, .missingTextBlocks]
            #expect(precise.contains(error.kind), "cut at \(cut): \(error)")
        }
    }
}

@Test func randomBytesNeverCrashTheParser() {
    var generator = SplitMixRandom(state: 0x00C0_FFEE)
    let alphabet = Array("<>/='\"&#;x0123456789abc table tr td th pre code a href class cable html \n".utf8)
    for round in 0..<1000 {
        let length = Int.random(in: 0..<2048, using: &generator)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length + 8)
        while bytes.count < length {
            var word = generator.next()
            for _ in 0..<8 {
                let byte = UInt8(truncatingIfNeeded: word)
                bytes.append(round.isMultiple(of: 2) ? byte : alphabet[Int(byte) % alphabet.count])
                word >>= 8
            }
        }
        if round.isMultiple(of: 3) { bytes += Array("</html>".utf8) }
        _ = try? PageParser.parse(bytes)
        _ = try? PageParser.parseCounter(bytes)
        _ = try? PageParser.parseListing(bytes)
        _ = CanonicalText.canonicalBlock(ArraySlice(bytes))
    }
}

@Test func fiftyMegabytePageWithAHugeSidebarParses() throws {
    let seed = try Fixtures.text("cable-seed.html")
    let splitAt = try #require(seed.range(of: "<h3>Browse by origin</h3>"))
    let filler = String(
        repeating: "<li><a href='/origin/7_0.html'>Embassy Somewhere &amp; Co</a></li>\n", count: 800_000)
    var big = seed
    big.insert(contentsOf: filler, at: splitAt.lowerBound)
    let bytes = Array(big.utf8)
    #expect(bytes.count > 50_000_000)
    let page = try PageParser.parse(bytes)
    #expect(page.cable?.referenceId == "06SEOUL1789")
    #expect(page.counter == ReleaseCounter(released: 64621, total: 251_287))
    #expect(page.releaseDays.count == 6)
    let small = try PageParser.parseCable(try Fixtures.bytes("cable-seed.html"))
    #expect(page.cable?.hashes.contentSHA256 == small.hashes.contentSHA256)
}

@Test func tableWithoutClosingTagsParsesInLinearTime() throws {
    var html = "<html><body><div id='right'><table class='cable'><tr><th>Reference ID<th>Subject<th>Created"
    html += "<th>Classification<th>Origin"
    let row = "<tr><td><a href='/cable/2009/01/09X1.html'>09X1</a><td>S<td>2009-01-01<td>SECRET<td>Embassy X\n"
    html += String(repeating: row, count: 20_000) + "</table></div></body></html>"
    let listing = try PageParser.parseListing(Array(html.utf8))
    #expect(listing.rows.count == 20_000)
    #expect(listing.rows.last?.origin == "Embassy X")
}
