import Testing

@testable import CablewatchCore

private func canonical(_ markup: String) -> String {
    CanonicalText.canonicalBlock(ArraySlice(Array(markup.utf8)))
}

@Test func paragraphAnchorsGoWithTheirPilcrowOtherLinksKeepText() {
    #expect(canonical("<a id='par1' href='#par1'>¶</a>1. TAGS: <a href='/tag/PREL_0.html'>PREL</a>") == "1. TAGS: PREL")
    #expect(canonical("<A ID=\"p7\" HREF=\"#p7\" class=\"x\">&para;</A >7. X") == "7. X")
    #expect(canonical("<a href='#x'>&#182;</a>2.") == "2.")
}

@Test func entitiesAreDecodedAndRawAmpersandsStay() {
    #expect(canonical("A&#x000A;B&#10;C&amp;D&lt;E&gt;F&quot;G&apos;H&nbsp;I") == "A\nB\nC&D<E>F\"G'H\u{00A0}I")
    #expect(canonical("AT&T & R&D &c. &amp &#xZZ; &#0; &unknown;") == "AT&T & R&D &c. &amp &#xZZ; &#0; &unknown;")
    #expect(canonical("&#233;t&#xE9;") == "été")
}

@Test func newlinesAreNormalisedAndTrailingOnesDropped() {
    #expect(canonical("A\r\nB\rC&#x000D;&#x000A;D  &#x000A;&#x000A;\n") == "A\nB\nC\nD  ")
    #expect(canonical("<br> </table> stay") == "<br> </table> stay")
}

@Test func whitespaceInsensitiveFormCollapsesRunsAndTrims() {
    #expect(ContentHasher.whitespaceInsensitive("  A \t\n B\u{00A0}\u{00A0}C  ") == "A B C")
    #expect(ContentHasher.whitespaceInsensitive("é\u{00A0}") == "é")
}

@Test func contentHashCoversHeaderSeparatorAndBody() {
    let hashes = ContentHasher.hashes(header: "H", body: "B", rawPage: [1, 2, 3])
    #expect(hashes.contentSHA256 == ContentHasher.sha256Hex("H\n\nB"))
    #expect(hashes.whitespaceInsensitiveSHA256 == ContentHasher.sha256Hex("H B"))
    #expect(hashes.rawSHA256 == ContentHasher.sha256Hex([1, 2, 3]))
    #expect(
        ContentHasher.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
}
