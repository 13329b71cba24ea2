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
        bytes.withUnsafeBufferPointer { buffer in
            canonicalize(buffer)
        }
    }

    private static func canonicalize(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        // Every construct decodes to at most as many bytes as it takes in the markup, so the input size bounds the
        // output.
        [UInt8](unsafeUninitializedCapacity: input.count) { output, written in
            var count = 0
            var afterCarriageReturn = false
            let end = input.count
            var position = 0
            while position < end {
                var byte = input[position]
                if byte != UInt8(ascii: "<") && byte != UInt8(ascii: "&") && byte != 0x0D {
                    // Plain text, the bulk of a cable: copied a run at a time up to the next byte that needs a look.
                    if byte == 0x0A && afterCarriageReturn {
                        afterCarriageReturn = false
                        position += 1
                        continue
                    }
                    let runEnd = nextMarkupOrReturn(input, from: position + 1)
                    if let source = input.baseAddress, let target = output.baseAddress {
                        (target + count).update(from: source + position, count: runEnd - position)
                    }
                    count += runEnd - position
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

    /// The index of the first `<`, `&` or `\r` at or after `start` (16 bytes at a time), or the input's end.
    static func nextMarkupOrReturn(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let end = input.count
        guard let base = input.baseAddress, start < end else { return end }
        let less = SIMD16<UInt8>(repeating: UInt8(ascii: "<"))
        let ampersand = SIMD16<UInt8>(repeating: UInt8(ascii: "&"))
        let carriageReturn = SIMD16<UInt8>(repeating: 0x0D)
        var index = start
        while index + 16 <= end {
            let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
            if any((chunk .== less) .| (chunk .== ampersand) .| (chunk .== carriageReturn)) { break }
            index += 16
        }
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || byte == 0x0D { return index }
            index += 1
        }
        return end
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

    private static func matchesPara(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        Array(input[index..<(index + 6)]) == Array("&para;".utf8)
    }
}
