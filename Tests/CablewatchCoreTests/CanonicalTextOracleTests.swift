import Testing

@testable import CablewatchCore

/// The byte-at-a-time canonicaliser and whitespace folding that the run-copying versions replaced, kept as oracles:
/// the production code must give the same bytes for every input.
private enum ReferenceCanonicalText {
    static func canonicalBlockBytes(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { canonicalize($0) }
    }

    private static let pilcrow: [UInt8] = [0xC2, 0xB6]

    static func canonicalize(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        // Every construct decodes to at most as many bytes as it takes in the markup, so the input size bounds the
        // output.
        [UInt8](unsafeUninitializedCapacity: input.count) { output, written in
            var count = 0
            var afterCarriageReturn = false
            let end = input.count
            var position = 0
            while position < end {
                var byte = input[position]
                if byte == UInt8(ascii: "<") {
                    if let anchorEnd = anchorOpenTagEnd(input, at: position) {
                        position = pilcrowAnchorEnd(input, contentStart: anchorEnd) ?? anchorEnd
                        continue
                    }
                    if let closeEnd = anchorCloseTagEnd(input, at: position) {
                        position = closeEnd
                        continue
                    }
                    position += 1
                } else if byte == UInt8(ascii: "&"), let decoded = HTMLText.entity(in: input, at: position, end: end) {
                    position = decoded.next
                    let value = decoded.scalar.value
                    if value >= 0x80 {
                        afterCarriageReturn = false
                        count += HTMLText.writeUTF8(decoded.scalar, into: output, at: count)
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
                output[count] = byte
                count += 1
            }
            while count > 0, output[count - 1] == 0x0A { count -= 1 }
            written = count
        }
    }

    /// If an `<a` opening tag (followed by whitespace or `>`) starts at `index`, the index after its `>`.
    static func anchorOpenTagEnd(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let end = input.count
        guard index + 2 < end, input[index + 1] | 0x20 == UInt8(ascii: "a") else { return nil }
        let next = input[index + 2]
        guard ByteScanner.isWhitespace(next) || next == UInt8(ascii: ">") else { return nil }
        var position = index + 2
        var quote: UInt8 = 0
        while position < end {
            let byte = input[position]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return position + 1
            } else if byte == UInt8(ascii: "<") {
                return nil
            }
            position += 1
        }
        return nil
    }

    /// If `</a>` (any case, optional whitespace before `>`) starts at `index`, the index after it.
    static func anchorCloseTagEnd(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let end = input.count
        guard index + 3 < end, input[index + 1] == UInt8(ascii: "/"), input[index + 2] | 0x20 == UInt8(ascii: "a")
        else { return nil }
        var position = index + 3
        while position < end, ByteScanner.isWhitespace(input[position]) { position += 1 }
        guard position < end, input[position] == UInt8(ascii: ">") else { return nil }
        return position + 1
    }

    /// If the anchor content starting at `contentStart` is a pilcrow (`¶`, `&para;` or `&#182;`) closed by `</a>`,
    /// the index after the `</a>`.
    static func pilcrowAnchorEnd(_ input: UnsafeBufferPointer<UInt8>, contentStart: Int) -> Int? {
        let end = input.count
        var position = contentStart
        if position + 1 < end, input[position] == 0xC2, input[position + 1] == 0xB6 {
            position += 2
        } else if position < end, input[position] == UInt8(ascii: "&"),
            let decoded = HTMLText.entity(in: input, at: position, end: end), decoded.scalar == "\u{00B6}"
        {
            position = decoded.next
        } else if position + 6 <= end, matchesPara(input, at: position) {
            position += 6
        } else {
            return nil
        }
        guard position < end, input[position] == UInt8(ascii: "<") else { return nil }
        return anchorCloseTagEnd(input, at: position)
    }

    static func matchesPara(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        Array(input[index..<(index + 6)]) == Array("&para;".utf8)
    }

    static func collapsingWhitespace(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: input.count) { output, written in
                var count = 0
                var pendingSpace = false
                var position = 0
                while position < input.count {
                    let byte = input[position]
                    if byte == 0x20 || byte == 0x09 || byte == 0x0A {
                        pendingSpace = count > 0
                        position += 1
                        continue
                    }
                    if byte == 0xC2, position + 1 < input.count, input[position + 1] == 0xA0 {
                        pendingSpace = count > 0
                        position += 2
                        continue
                    }
                    if pendingSpace {
                        output[count] = 0x20
                        count += 1
                        pendingSpace = false
                    }
                    output[count] = byte
                    count += 1
                    position += 1
                }
                written = count
            }
        }
    }
}

/// Markup pieces the generator strings together: plain runs long and short (the fast path copies 16 bytes at a
/// time, so runs of 15, 16, 17 and 40 bytes cross its boundaries), every construct the canonicaliser rewrites,
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
        #expect(ContentHasher.collapsingWhitespace(actual) == ReferenceCanonicalText.collapsingWhitespace(actual))
        #expect(ContentHasher.collapsingWhitespace(bytes) == ReferenceCanonicalText.collapsingWhitespace(bytes))
        if actual != expected { return }
    }
}

@Test func theMarkupScanFindsEachStopAtEveryOffset() {
    for length in [0, 1, 15, 16, 17, 31, 32, 33, 100] {
        for stop in [UInt8(ascii: "<"), UInt8(ascii: "&"), 0x0D] {
            for offset in 0..<max(1, length) where length > 0 {
                var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                bytes[offset] = stop
                for start in [0, offset, min(offset + 1, length)] {
                    let found = bytes.withUnsafeBufferPointer { CanonicalText.nextMarkupOrReturn($0, from: start) }
                    #expect(
                        found == (start <= offset ? offset : length),
                        "length \(length) stop \(stop) at \(offset) from \(start)")
                }
            }
        }
        let plain = [UInt8](repeating: UInt8(ascii: "y"), count: length)
        #expect(plain.withUnsafeBufferPointer { CanonicalText.nextMarkupOrReturn($0, from: 0) } == length)
    }
}
