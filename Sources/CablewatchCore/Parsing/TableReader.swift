/// Reads the rows and cells of a `<table class='cable'>` (listing or cable metadata) from its markup.
enum TableReader {
    /// A column of a listing or cable metadata table, recognised by its header text.
    enum Column: Equatable {
        case referenceId, subject, created, released, classification, origin, other

        init(headerText: String) {
            switch headerText.lowercased() {
            case "reference id", "reference", "refid": self = .referenceId
            case "subject": self = .subject
            case "created", "date": self = .created
            case "released": self = .released
            case "classification": self = .classification
            case "origin": self = .origin
            default: self = .other
            }
        }
    }

    /// The header row: its columns in order and the index just after it.
    struct Header {
        var columns: [Column]
        var end: Int

        func index(of column: Column) -> Int? { columns.firstIndex(of: column) }
    }

    /// One `<tr>`: its cell ranges (inner markup) and where it starts and ends.
    struct Row {
        var start: Int
        var end: Int
        var cells: [Range<Int>]
    }

    static let tr = Array("tr".utf8)
    static let th = Array("th".utf8)
    static let td = Array("td".utf8)

    /// The first row of `table` that has `<th>` cells.
    static func headerRow(_ scanner: ByteScanner, table: Tag, end: Int? = nil) -> Header {
        let limit = end ?? scanner.count
        var position = table.end
        while let row = nextRow(scanner, from: position, to: limit) {
            let cells = self.cells(scanner, th, in: row.start..<row.end)
            if !cells.isEmpty {
                return Header(
                    columns: cells.map { Column(headerText: HTMLText.plainText(scanner, $0)) }, end: row.end)
            }
            if !self.cells(scanner, td, in: row.start..<row.end).isEmpty { break }
            position = row.end
        }
        return Header(columns: [], end: table.end)
    }

    /// The next `<tr>` in `start..<end` with its `<td>` cells; the row ends at `</tr>`, the next `<tr>` or `end`.
    static func nextRow(_ scanner: ByteScanner, from start: Int, to end: Int) -> Row? {
        guard let open = scanner.nextTag(tr, from: start, to: end) else { return nil }
        let (contentEnd, rowEnd) = elementEnd(scanner, tr, from: open.end, to: end)
        return Row(start: open.end, end: rowEnd, cells: cells(scanner, td, in: open.end..<contentEnd))
    }

    /// The inner ranges of the `name` cells (`th` or `td`) in `range`.
    static func cells(_ scanner: ByteScanner, _ name: [UInt8], in range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var position = range.lowerBound
        while let open = scanner.nextTag(name, from: position, to: range.upperBound) {
            let (contentEnd, cellEnd) = elementEnd(scanner, name, from: open.end, to: range.upperBound)
            result.append(open.end..<contentEnd)
            position = cellEnd
        }
        return result
    }

    /// Where the content of a `name` element opened just before `start` ends, and the index after the element: at
    /// its closing tag, or at the next opening `name` tag (or `end`) when it is not closed. One scan finds whichever
    /// comes first, so a page without closing tags costs linear, not quadratic, time.
    private static func elementEnd(_ scanner: ByteScanner, _ name: [UInt8], from start: Int, to end: Int)
        -> (content: Int, element: Int)
    {
        guard let next = scanner.nextTag(name, closing: nil, from: start, to: end) else { return (end, end) }
        return next.isClosing ? (next.start, next.end) : (next.start, next.start)
    }

    /// The `href` of the first `<a>` in `range`, entities decoded.
    static func firstHref(_ scanner: ByteScanner, in range: Range<Int>) -> String? {
        guard let link = scanner.nextTag(Array("a".utf8), from: range.lowerBound, to: range.upperBound),
            let href = scanner.attribute(Array("href".utf8), of: link)
        else { return nil }
        return HTMLText.attributeText(scanner, href)
    }

    /// The `href`s of every `<a>` in `range`, entities decoded, in order.
    static func hrefs(_ scanner: ByteScanner, in range: Range<Int>) -> [String] {
        var result: [String] = []
        var position = range.lowerBound
        let a = Array("a".utf8)
        let hrefName = Array("href".utf8)
        while let link = scanner.nextTag(a, from: position, to: range.upperBound) {
            if let href = scanner.attribute(hrefName, of: link) { result.append(HTMLText.attributeText(scanner, href)) }
            position = link.end
        }
        return result
    }
}
