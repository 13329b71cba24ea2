import Testing

@testable import CablewatchCore

/// A byte-at-a-time canonicaliser and whitespace folding, kept as oracles for the production code, which copies
/// plain runs whole: it must give the same bytes for every input. The tag and entity recognisers are shared, so the
/// oracle calls the production ones.
private enum ReferenceCanonicalText {
    static func canonicalBlockBytes(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var afterCarriageReturn = false
        let end = input.count
        var position = 0
        while position < end {
            var byte = input[position]
            if byte == UInt8(ascii: "<") {
                if let anchorEnd = CanonicalText.anchorOpenTagEnd(input, at: position) {
                    position = CanonicalText.pilcrowAnchorEnd(input, contentStart: anchorEnd) ?? anchorEnd
                    continue
                }
                if let closeEnd = CanonicalText.anchorCloseTagEnd(input, at: position) {
                    position = closeEnd
                    continue
                }
                position += 1
            } else if byte == UInt8(ascii: "&"), let decoded = HTMLText.entity(in: input, at: position, end: end) {
                position = decoded.next
                let value = decoded.scalar.value
                if value >= 0x80 {
                    afterCarriageReturn = false
                    output += Array(String(decoded.scalar).utf8)
                    continue
                }
                byte = UInt8(value)
            } else {
                position += 1
            }
            if byte == 0x0D {
                byte = 0x0A
                afterCarriageReturn = true
            } else if byte == 0x0A, afterCarriageReturn {
                afterCarriageReturn = false
                continue
            } else {
                afterCarriageReturn = false
            }
            output.append(byte)
        }
        while output.last == 0x0A { output.removeLast() }
        return output
    }

    static func collapsingWhitespace(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var pendingSpace = false
        var position = 0
        while position < input.count {
            let byte = input[position]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A {
                pendingSpace = !output.isEmpty
                position += 1
                continue
            }
            if byte == 0xC2, position + 1 < input.count, input[position + 1] == 0xA0 {
                pendingSpace = !output.isEmpty
                position += 2
                continue
            }
            if pendingSpace {
                output.append(0x20)
                pendingSpace = false
            }
            output.append(byte)
            position += 1
        }
        return output
    }
}

/// Markup pieces the generator strings together: plain runs long and short (runs of 15, 16, 17 and 40 bytes), every construct the canonicaliser rewrites,
/// near-misses of each, and the bytes the whitespace folding looks at.
private let pieces: [String] = [
    "A", "word", "0123456789abcde", "0123456789abcdef", "0123456789abcdefg",
    "The quick brown fox jumps over the lazy dog, again", " ", "  ", "\t", "\n", "\r", "\r\n", "\n\r",
    "<a id='par1' href='#par1'>¶</a>", "<A HREF=\"#p\">&para;</A >", "<a href='#x'>&#182;</a>", "<a href='/tag/X'>",
    "</a>", "</A   >", "<a", "<ab>", "<", "</", "</a", "<br>", "</table>", "&", "&amp;", "&amp", "&lt;", "&#10;",
    "&#x000A;", "&#13;", "&#x000D;", "&#233;", "&#xE9;", "&#0;", "&#xZZ;", "&nbsp;", "&unknown;", "¶", "é",
    "\u{00A0}", "\u{00A0}\u{00A0}", "\u{00C2}", "€", "\u{01}", "\u{0C}",
]

@Test func runCopyingCanonicalisationMatchesTheByteAtATimeOracle() {
    var random = SplitMixRandom(state: 0xCAB1E)
    for case_ in 0..<3000 {
        var bytes: [UInt8] = []
        for _ in 0..<Int(random.next() % 40) {
            bytes += Array(pieces[Int(random.next() % UInt64(pieces.count))].utf8)
        }
        // A few raw bytes of any value, invalid UTF-8 included.
        if case_ % 5 == 0 {
            bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: Int(random.next() % UInt64(bytes.count + 1)))
        }
        let expected = ReferenceCanonicalText.canonicalBlockBytes(bytes)
        let actual = CanonicalText.canonicalBlockBytes(ArraySlice(bytes))
        #expect(actual == expected, "input \(bytes)")
        #expect(
            Array(ContentHasher.collapsingWhitespace(actual)) == ReferenceCanonicalText.collapsingWhitespace(actual))
        #expect(ContentHasher.collapsingWhitespace(bytes) == ReferenceCanonicalText.collapsingWhitespace(bytes))
        if actual != expected { return }
    }
}
