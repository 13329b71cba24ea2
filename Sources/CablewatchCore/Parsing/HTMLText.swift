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
        var name: UInt32 = 0
        while position < end, position - nameStart < 4, ByteScanner.isLetter(bytes[position]) {
            name = name << 8 | UInt32(bytes[position])
            position += 1
        }
        guard position < end, bytes[position] == UInt8(ascii: ";") else { return nil }
        let scalar: Unicode.Scalar
        switch name {
        case 0x61_6D70: scalar = "&"  // amp
        case 0x6C74: scalar = "<"  // lt
        case 0x6774: scalar = ">"  // gt
        case 0x7175_6F74: scalar = "\""  // quot
        case 0x6170_6F73: scalar = "'"  // apos
        case 0x6E62_7370: scalar = "\u{00A0}"  // nbsp
        default: return nil
        }
        return (scalar, position + 1)
    }

    /// Appends `scalar` encoded as UTF-8.
    static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            output.append(UInt8(value))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (value >> 6)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (value >> 12)))
            output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (value >> 18)))
            output.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// Writes `scalar` as UTF-8 into `buffer` at `index` and returns the number of bytes written (1 to 4).
    static func writeUTF8(_ scalar: Unicode.Scalar, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: Int)
        -> Int
    {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            buffer[index] = UInt8(value)
            return 1
        case 0x80..<0x800:
            buffer[index] = UInt8(0xC0 | (value >> 6))
            buffer[index + 1] = UInt8(0x80 | (value & 0x3F))
            return 2
        case 0x800..<0x10000:
            buffer[index] = UInt8(0xE0 | (value >> 12))
            buffer[index + 1] = UInt8(0x80 | ((value >> 6) & 0x3F))
            buffer[index + 2] = UInt8(0x80 | (value & 0x3F))
            return 3
        default:
            buffer[index] = UInt8(0xF0 | (value >> 18))
            buffer[index + 1] = UInt8(0x80 | ((value >> 12) & 0x3F))
            buffer[index + 2] = UInt8(0x80 | ((value >> 6) & 0x3F))
            buffer[index + 3] = UInt8(0x80 | (value & 0x3F))
            return 4
        }
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
