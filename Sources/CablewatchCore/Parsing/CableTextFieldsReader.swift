/// Reads the optional fields of a cable's text (TAGS, SUBJECT, E.O., Classified By, REF, DTG, FM, TO).
/// A missing field is nil or empty, never an error. Works on UTF-8 bytes, line by line.
public enum CableTextFieldsReader {
    /// The fields found in canonical `header` and `body` text: routing fields from the header, the rest from the body.
    public static func read(header: String, body: String) -> CableTextFields {
        var fields = CableTextFields()
        readRouting(TextLines(header), into: &fields)
        readBody(TextLines(body), into: &fields)
        return fields
    }

    /// Whether `line` is precedence prosigns then a date-time group: `O 260810Z MAY 06`, `OO 011200Z JAN 2009`.
    public static func isDateTimeGroup(_ line: String) -> Bool {
        let lines = TextLines(line)
        guard let first = lines.ranges.first else { return false }
        return isDateTimeGroup(lines.bytes, lines.trimmed(first))
    }

    // MARK: Header

    private static func readRouting(_ lines: TextLines, into fields: inout CableTextFields) {
        let bytes = lines.bytes
        var index = 0
        while index < lines.ranges.count {
            let line = lines.trimmed(lines.ranges[index])
            index += 1
            guard let first = line.first.map({ bytes[$0] }) else { continue }
            if fields.from == nil, first == UInt8(ascii: "F"), lines.hasPrefix("FM ", line) {
                fields.from = lines.string(line.dropFirst(3))
            } else if fields.to.isEmpty, first == UInt8(ascii: "T"), lines.hasPrefix("TO ", line) {
                fields.to.append(lines.string(line.dropFirst(3)))
                while index < lines.ranges.count {
                    let next = lines.trimmed(lines.ranges[index])
                    if next.isEmpty || lines.hasPrefix("INFO", next) || lines.hasPrefix("BT", next)
                        || lines.hasPrefix("FM ", next) || lines.hasPrefix("ZEN", next) || lines.hasPrefix("E.O.", next)
                    {
                        break
                    }
                    fields.to.append(lines.string(next))
                    index += 1
                }
            } else if fields.dateTimeGroup == nil, isDateTimeGroup(bytes, line) {
                fields.dateTimeGroup = lines.string(line)
            }
        }
    }

    private static func isDateTimeGroup(_ bytes: [UInt8], _ line: Range<Int>) -> Bool {
        var tokens: [Range<Int>] = []
        var position = line.lowerBound
        while position < line.upperBound, tokens.count < 8 {
            while position < line.upperBound, bytes[position] == 0x20 { position += 1 }
            let start = position
            while position < line.upperBound, bytes[position] != 0x20 { position += 1 }
            if position > start { tokens.append(start..<position) }
        }
        guard
            let groupIndex = tokens.firstIndex(where: { token in
                token.count == 7 && bytes[token.upperBound - 1] == UInt8(ascii: "Z")
                    && bytes[token.lowerBound..<(token.upperBound - 1)].allSatisfy(ByteScanner.isDigit)
            }), groupIndex > 0, groupIndex + 3 == tokens.count
        else { return false }
        // Precedence prosigns: Z flash, O immediate, P priority, R routine, Y emergency; doubled for action/info.
        let precedenceIsProsigns = tokens[..<groupIndex].allSatisfy { token in
            token.count <= 2 && bytes[token].allSatisfy { "ZOPRY".utf8.contains($0) }
        }
        let month = tokens[groupIndex + 1]
        let year = tokens[groupIndex + 2]
        return precedenceIsProsigns && month.count == 3 && bytes[month].allSatisfy(ByteScanner.isLetter)
            && (year.count == 2 || year.count == 4) && bytes[year].allSatisfy(ByteScanner.isDigit)
    }

    // MARK: Body

    private enum Field {
        case tags, subject, executiveOrder, classifiedBy, reference
    }

    /// The field a (trimmed) line opens and the index where its value starts.
    private static func field(of line: Range<Int>, in lines: TextLines) -> (Field, Int)? {
        guard let firstIndex = line.first else { return nil }
        let start = line.lowerBound
        switch lines.bytes[firstIndex] | 0x20 {
        case UInt8(ascii: "t"):
            if lines.hasPrefix("TAGS:", line) { return (.tags, start + 5) }
            if lines.hasPrefix("TAGS ", line) || lines.hasPrefix("TAGS\t", line) { return (.tags, start + 4) }
        case UInt8(ascii: "s"):
            if lines.hasPrefix("SUBJECT:", line) { return (.subject, start + 8) }
            if lines.hasPrefix("SUBJ:", line) { return (.subject, start + 5) }
        case UInt8(ascii: "e"):
            if lines.hasPrefix("E.O.", line) {
                let colon = lines.bytes[line].firstIndex(of: UInt8(ascii: ":"))
                return (.executiveOrder, colon.map { $0 + 1 } ?? start + 4)
            }
        case UInt8(ascii: "c"):
            if lines.hasPrefix("CLASSIFIED BY:", line) || lines.hasPrefix("CLASSIFIED BY ", line) {
                return (.classifiedBy, start + 14)
            }
        case UInt8(ascii: "r"):
            if lines.hasPrefix("REFS:", line) { return (.reference, start + 5) }
            if lines.hasPrefix("REF:", line) || lines.hasPrefix("REF ", line) { return (.reference, start + 4) }
        default:
            break
        }
        return nil
    }

    /// A numbered paragraph start such as `1.` or `12. (C)`.
    private static func isParagraphStart(_ line: Range<Int>, in bytes: [UInt8]) -> Bool {
        var index = line.lowerBound
        while index < line.upperBound, ByteScanner.isDigit(bytes[index]) { index += 1 }
        guard index > line.lowerBound, index < line.upperBound, bytes[index] == UInt8(ascii: ".") else { return false }
        return index + 1 == line.upperBound || ByteScanner.isWhitespace(bytes[index + 1])
    }

    private static func readBody(_ lines: TextLines, into fields: inout CableTextFields) {
        let bytes = lines.bytes
        var index = 0
        while index < lines.ranges.count {
            let line = lines.trimmed(lines.ranges[index])
            index += 1
            guard let (field, valueStart) = field(of: line, in: lines) else { continue }
            let value = lines.trimmed(valueStart..<line.upperBound)
            switch field {
            case .tags:
                guard fields.tags.isEmpty else { continue }
                fields.tags = bytes[value].split(whereSeparator: { $0 == 0x20 || $0 == 0x2C || $0 == 0x09 }).map {
                    String(decoding: $0, as: UTF8.self)
                }
            case .executiveOrder:
                if fields.executiveOrder == nil { fields.executiveOrder = lines.string(value) }
            case .subject, .classifiedBy, .reference:
                var parts = value.isEmpty ? [] : [lines.string(value)]
                while index < lines.ranges.count {
                    let next = lines.trimmed(lines.ranges[index])
                    if next.isEmpty || self.field(of: next, in: lines) != nil || isParagraphStart(next, in: bytes) {
                        break
                    }
                    parts.append(lines.string(next))
                    index += 1
                }
                let joined = parts.joined(separator: " ")
                switch field {
                case .subject: if fields.subject == nil { fields.subject = joined }
                case .classifiedBy: if fields.classifiedBy == nil { fields.classifiedBy = joined }
                default: if fields.reference == nil { fields.reference = joined }
                }
            }
        }
    }
}

/// A text's UTF-8 bytes split into line ranges, with byte-level helpers.
struct TextLines {
    let bytes: [UInt8]
    let ranges: [Range<Int>]

    init(_ text: String) {
        bytes = Array(text.utf8)
        let scanner = ByteScanner(bytes: bytes)
        var ranges: [Range<Int>] = []
        var start = 0
        while let newline = scanner.index(of: 0x0A, from: start, to: bytes.count) {
            ranges.append(start..<newline)
            start = newline + 1
        }
        ranges.append(start..<bytes.count)
        self.ranges = ranges
    }

    /// `range` without leading/trailing space, tab, carriage return and U+00A0.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper {
            if ByteScanner.isWhitespace(bytes[lower]) {
                lower += 1
            } else if lower + 1 < upper, bytes[lower] == 0xC2, bytes[lower + 1] == 0xA0 {
                lower += 2
            } else {
                break
            }
        }
        while upper > lower {
            if ByteScanner.isWhitespace(bytes[upper - 1]) {
                upper -= 1
            } else if upper - 2 >= lower, bytes[upper - 2] == 0xC2, bytes[upper - 1] == 0xA0 {
                upper -= 2
            } else {
                break
            }
        }
        return lower..<upper
    }

    /// Whether `range` starts with the ASCII `prefix`, ignoring case.
    func hasPrefix(_ prefix: String, _ range: Range<Int>) -> Bool {
        guard range.count >= prefix.utf8.count else { return false }
        var position = range.lowerBound
        for byte in prefix.utf8 {
            if ByteScanner.lower(bytes[position]) != ByteScanner.lower(byte) { return false }
            position += 1
        }
        return true
    }

    /// The trimmed text of `range`.
    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[trimmed(range)], as: UTF8.self)
    }
}
