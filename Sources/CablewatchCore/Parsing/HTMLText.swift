/// Entity decoding and tag stripping for the markup inside pages (cells, links, headings, `<pre>` blocks).
enum HTMLText {
    /// The entity starting at `index` (which holds `&`): its scalar and the index after its `;`.
    /// Knows `&#xHH;`, `&#NNN;`, `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`; anything else is not an entity.
    static func entity<Bytes: RandomAccessCollection<UInt8>>(
        in bytes: Bytes, at index: Int, end: Int
    ) -> (scalar: Unicode.Scalar, next: Int)? where Bytes.Index == Int {
        var position = index + 1
        guard position < end else { return nil }
        if bytes[position] == UInt8(ascii: "#") {
            position += 1
            var isHex = false
            if position < end, bytes[position] | 0x20 == UInt8(ascii: "x") {
                isHex = true
                position += 1
            }
            let digitsStart = position
            var value: UInt32 = 0
            while position < end, position - digitsStart < 8 {
                let byte = bytes[position]
                let digit: UInt32
                if ByteScanner.isDigit(byte) {
                    digit = UInt32(byte - UInt8(ascii: "0"))
                } else if isHex, (byte | 0x20) >= UInt8(ascii: "a"), (byte | 0x20) <= UInt8(ascii: "f") {
                    digit = UInt32((byte | 0x20) - UInt8(ascii: "a") + 10)
                } else {
                    break
                }
                value = value * (isHex ? 16 : 10) + digit
                position += 1
            }
            guard position > digitsStart, position < end, bytes[position] == UInt8(ascii: ";"), value != 0,
                let scalar = Unicode.Scalar(value)
            else { return nil }
            return (scalar, position + 1)
        }
        let nameStart = position
        while position < end, position - nameStart < 4, ByteScanner.isLetter(bytes[position]) { position += 1 }
        guard position < end, bytes[position] == UInt8(ascii: ";"),
            let scalar = namedEntities[String(decoding: bytes[nameStart..<position], as: UTF8.self)]
        else { return nil }
        return (scalar, position + 1)
    }

    /// The named entities the site uses, by name.
    private static let namedEntities: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
    ]

    /// Appends `scalar` encoded as UTF-8.
    static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        UTF8.encode(scalar) { output.append($0) }
    }

    /// The text of `range`: tags removed, entities decoded, whitespace runs collapsed to one space, trimmed.
    /// Invalid UTF-8 is repaired with U+FFFD (these are short display texts, not hashed content).
    static func plainText(_ scanner: ByteScanner, _ range: Range<Int>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var pendingSpace = false
        var position = range.lowerBound
        let end = range.upperBound
        while position < end {
            let byte = scanner[position]
            if byte == UInt8(ascii: "<"), let tag = scanner.tag(at: position, end: end) {
                position = tag.end
                continue
            }
            if ByteScanner.isWhitespace(byte) {
                pendingSpace = !output.isEmpty
                position += 1
                continue
            }
            if pendingSpace {
                output.append(0x20)
                pendingSpace = false
            }
            if byte == UInt8(ascii: "&"), let decoded = entity(in: scanner.bytes, at: position, end: end) {
                appendUTF8(decoded.scalar, to: &output)
                position = decoded.next
                continue
            }
            output.append(byte)
            position += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The value of an attribute (entities decoded, not trimmed).
    static func attributeText(_ scanner: ByteScanner, _ range: Range<Int>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = scanner[position]
            if byte == UInt8(ascii: "&"), let decoded = entity(in: scanner.bytes, at: position, end: range.upperBound) {
                appendUTF8(decoded.scalar, to: &output)
                position = decoded.next
                continue
            }
            output.append(byte)
            position += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
