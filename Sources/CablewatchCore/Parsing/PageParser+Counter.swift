extension PageParser {
    static let counterMarker = Array("Currently released so far".utf8)

    /// Reads `Currently released so far... N / M`, tolerating `,` separators, `&nbsp;`/`&#160;`/U+00A0 and entities.
    static func readCounter(_ scanner: ByteScanner) throws(PageParseError) -> ReleaseCounter {
        guard let marker = scanner.find(counterMarker, from: 0, to: scanner.count) else {
            throw PageParseError(.missingCounter, "no 'Currently released so far...' counter text")
        }
        let start = marker + counterMarker.count
        let end = scanner.index(of: UInt8(ascii: "<"), from: start, to: scanner.count) ?? scanner.count
        var position = skipNonDigits(scanner, from: start, to: end, stopAtSlash: false)
        guard let released = readNumber(scanner, at: &position, end: end) else {
            throw PageParseError(.missingCounter, "counter text has no released number", offset: marker)
        }
        position = skipNonDigits(scanner, from: position, to: end, stopAtSlash: true)
        guard let afterSlash = slashEnd(scanner, at: position, end: end) else {
            throw PageParseError(.missingCounter, "counter text has no '/' after the released number", offset: marker)
        }
        position = skipNonDigits(scanner, from: afterSlash, to: end, stopAtSlash: true)
        guard let total = readNumber(scanner, at: &position, end: end) else {
            throw PageParseError(.missingCounter, "counter text has no total after '/'", offset: marker)
        }
        return ReleaseCounter(released: released, total: total)
    }

    /// Skips text and entities (so `&#160;` is not read as a number) up to the next digit (or `/` if asked).
    private static func skipNonDigits(_ scanner: ByteScanner, from start: Int, to end: Int, stopAtSlash: Bool) -> Int {
        var position = start
        while position < end {
            let byte = scanner[position]
            if ByteScanner.isDigit(byte) || (stopAtSlash && byte == UInt8(ascii: "/")) { return position }
            if byte == UInt8(ascii: "&"), let decoded = HTMLText.entity(in: scanner.bytes, at: position, end: end) {
                if stopAtSlash, decoded.scalar == "/" { return position }
                position = decoded.next
            } else {
                position += 1
            }
        }
        return position
    }

    /// The index after a `/` (or `&#47;`) at `position`.
    private static func slashEnd(_ scanner: ByteScanner, at position: Int, end: Int) -> Int? {
        guard position < end else { return nil }
        if scanner[position] == UInt8(ascii: "/") { return position + 1 }
        guard let decoded = HTMLText.entity(in: scanner.bytes, at: position, end: end), decoded.scalar == "/" else {
            return nil
        }
        return decoded.next
    }

    /// A decimal number with optional `,` thousands separators.
    private static func readNumber(_ scanner: ByteScanner, at position: inout Int, end: Int) -> Int? {
        var value = 0
        var digits = 0
        while position < end {
            let byte = scanner[position]
            if ByteScanner.isDigit(byte) {
                guard digits < 15 else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                position += 1
            } else if byte == UInt8(ascii: ","), digits > 0, position + 1 < end,
                ByteScanner.isDigit(scanner[position + 1])
            {
                position += 1
            } else {
                break
            }
        }
        return digits > 0 ? value : nil
    }
}
