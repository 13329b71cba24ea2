/// Reads the optional fields of a cable's text (TAGS, SUBJECT, E.O., Classified By, REF, DTG, FM, TO).
/// A missing field is nil or empty, never an error.
public enum CableTextFieldsReader {
    /// The fields found in canonical `header` and `body` text: routing fields from the header, the rest from the body.
    public static func read(header: String, body: String) -> CableTextFields {
        var fields = CableTextFields()
        readRouting(lines(header), into: &fields)
        readBody(lines(body), into: &fields)
        return fields
    }

    private static func lines(_ text: String) -> [Substring] {
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
    }

    // MARK: Header

    private static func readRouting(_ lines: [Substring], into fields: inout CableTextFields) {
        var index = 0
        while index < lines.count {
            let line = lines[index].trimmingWhitespace
            index += 1
            if fields.dateTimeGroup == nil, isDateTimeGroup(line) {
                fields.dateTimeGroup = line
            } else if fields.from == nil, line.hasPrefix("FM ") {
                fields.from = String(line.dropFirst(3)).trimmingWhitespace
            } else if fields.to.isEmpty, line.hasPrefix("TO ") {
                fields.to.append(String(line.dropFirst(3)).trimmingWhitespace)
                while index < lines.count {
                    let next = lines[index].trimmingWhitespace
                    if next.isEmpty || next.hasPrefix("INFO") || next.hasPrefix("BT") || next.hasPrefix("FM ")
                        || next.hasPrefix("ZEN") || next.hasPrefix("E.O.")
                    {
                        break
                    }
                    fields.to.append(next)
                    index += 1
                }
            }
        }
    }

    /// Precedence letters then a date-time group: `O 260810Z MAY 06`, `OO 011200Z JAN 09`.
    static func isDateTimeGroup(_ line: String) -> Bool {
        let tokens = line.split(separator: " ", omittingEmptySubsequences: true)
        guard let groupIndex = tokens.firstIndex(where: isGroupToken), groupIndex > 0, groupIndex + 3 == tokens.count
        else { return false }
        // Precedence prosigns: Z flash, O immediate, P priority, R routine, Y emergency; doubled for action/info.
        let precedenceIsLetters = tokens[..<groupIndex].allSatisfy { token in
            token.utf8.count <= 2 && token.utf8.allSatisfy { "ZOPRY".utf8.contains($0) }
        }
        let month = tokens[groupIndex + 1].utf8
        let year = tokens[groupIndex + 2].utf8
        return precedenceIsLetters && month.count == 3 && month.allSatisfy(ByteScanner.isLetter)
            && (year.count == 2 || year.count == 4) && year.allSatisfy(ByteScanner.isDigit)
    }

    private static func isGroupToken(_ token: Substring) -> Bool {
        let bytes = Array(token.utf8)
        return bytes.count == 7 && bytes[6] == UInt8(ascii: "Z") && bytes[0..<6].allSatisfy(ByteScanner.isDigit)
    }

    // MARK: Body

    private enum Field {
        case tags, subject, executiveOrder, classifiedBy, reference
    }

    /// The field a line opens and the offset (in UTF-8 bytes of the trimmed line) where its value starts.
    private static func field(of line: String) -> (Field, Int)? {
        let upper = line.uppercased()
        if upper.hasPrefix("TAGS:") { return (.tags, 5) }
        if upper.hasPrefix("TAGS ") || upper.hasPrefix("TAGS\t") { return (.tags, 4) }
        if upper.hasPrefix("SUBJECT:") { return (.subject, 8) }
        if upper.hasPrefix("SUBJ:") { return (.subject, 5) }
        if upper.hasPrefix("E.O.") {
            let colon = upper.utf8.firstIndex(of: UInt8(ascii: ":")).map {
                upper.utf8.distance(from: upper.startIndex, to: $0)
            }
            return (.executiveOrder, colon.map { $0 + 1 } ?? 4)
        }
        if upper.hasPrefix("CLASSIFIED BY:") { return (.classifiedBy, 14) }
        if upper.hasPrefix("CLASSIFIED BY ") { return (.classifiedBy, 14) }
        if upper.hasPrefix("REFS:") { return (.reference, 5) }
        if upper.hasPrefix("REF:") { return (.reference, 4) }
        if upper.hasPrefix("REF ") { return (.reference, 4) }
        return nil
    }

    /// A numbered paragraph start such as `1.` or `12. (C)`.
    private static func isParagraphStart(_ line: String) -> Bool {
        let bytes = Array(line.utf8)
        var index = 0
        while index < bytes.count, ByteScanner.isDigit(bytes[index]) { index += 1 }
        guard index > 0, index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return false }
        return index + 1 == bytes.count || ByteScanner.isWhitespace(bytes[index + 1])
    }

    private static func readBody(_ lines: [Substring], into fields: inout CableTextFields) {
        var index = 0
        while index < lines.count {
            let line = lines[index].trimmingWhitespace
            index += 1
            guard let (field, valueOffset) = field(of: line) else { continue }
            let value = String(decoding: line.utf8.dropFirst(valueOffset), as: UTF8.self).trimmingWhitespace
            switch field {
            case .tags:
                guard fields.tags.isEmpty else { continue }
                fields.tags = value.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
            case .executiveOrder:
                if fields.executiveOrder == nil { fields.executiveOrder = value }
            case .subject, .classifiedBy, .reference:
                var parts = value.isEmpty ? [] : [value]
                while index < lines.count {
                    let next = lines[index].trimmingWhitespace
                    if next.isEmpty || self.field(of: next) != nil || isParagraphStart(next) { break }
                    parts.append(next)
                    index += 1
                }
                let joined = parts.joined(separator: " ")
                if field == .subject, fields.subject == nil { fields.subject = joined }
                if field == .classifiedBy, fields.classifiedBy == nil { fields.classifiedBy = joined }
                if field == .reference, fields.reference == nil { fields.reference = joined }
            }
        }
    }
}
