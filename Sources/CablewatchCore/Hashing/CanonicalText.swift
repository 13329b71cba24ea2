/// Canonicalisation of a cable's `<pre>` block (DESIGN.md §2.1): the text whose hash identifies a revision.
public enum CanonicalText {
    /// The exact first block of a header-less cable.
    public static let partialExtractPlaceholder =
        "This record is a partial extract of the original cable. The full text of the original cable is not available."

    /// The canonical text of one `<pre>` block's inner markup: paragraph anchors removed with their `¶`, other
    /// `<a …>`/`</a>` tags removed keeping their text, entities decoded (a raw `&` stays), `\r\n` and `\r` turned
    /// into `\n`, trailing `\n`s dropped. Invalid UTF-8 is repaired with U+FFFD.
    public static func canonicalBlock(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: canonicalBlockBytes(bytes), as: UTF8.self)
    }

    /// `canonicalBlock` as UTF-8 bytes, before any validation.
    static func canonicalBlockBytes(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let input = Array(bytes)
        let end = input.count
        var output: [UInt8] = []
        output.reserveCapacity(end)  // every construct decodes to at most as many bytes as it takes in the markup
        var afterCarriageReturn = false
        var position = 0
        while position < end {
            var byte = input[position]
            if !needsALook(byte) {
                // Plain text, the bulk of a cable: copied a run at a time up to the next byte that needs a look.
                if byte == 0x0A && afterCarriageReturn {
                    afterCarriageReturn = false
                    position += 1
                    continue
                }
                var runEnd = position + 1
                while runEnd < end && !needsALook(input[runEnd]) { runEnd += 1 }
                output.append(contentsOf: input[position..<runEnd])
                position = runEnd
                afterCarriageReturn = false
                continue
            }
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
                if decoded.scalar.value >= 0x80 {
                    afterCarriageReturn = false
                    HTMLText.appendUTF8(decoded.scalar, to: &output)
                    continue
                }
                byte = UInt8(decoded.scalar.value)
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

    /// Whether `byte` may start markup, an entity or a line end that canonicalisation rewrites: `<`, `&` or `\r`.
    /// Tested as one product that is zero exactly for those bytes, so the plain-text loop has a single
    /// well-predicted branch per byte instead of one per comparison.
    private static func needsALook(_ byte: UInt8) -> Bool {
        let value = UInt32(byte)
        return (value ^ 0x3C) &* (value ^ 0x26) &* (value ^ 0x0D) == 0
    }

    /// If an `<a` opening tag (followed by whitespace or `>`) starts at `index`, the index after its `>`.
    static func anchorOpenTagEnd(_ input: [UInt8], at index: Int) -> Int? {
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
    static func anchorCloseTagEnd(_ input: [UInt8], at index: Int) -> Int? {
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
    static func pilcrowAnchorEnd(_ input: [UInt8], contentStart: Int) -> Int? {
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

    private static func matchesPara(_ input: [UInt8], at index: Int) -> Bool {
        input[index..<(index + 6)].elementsEqual("&para;".utf8)
    }
}
