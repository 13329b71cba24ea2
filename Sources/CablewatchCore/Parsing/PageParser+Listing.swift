extension PageParser {
    /// The rows of a listing table (columns matched by header text) and the page's 0-based pagination.
    static func readListing(_ scanner: ByteScanner, table: Tag, from contentStart: Int) throws(PageParseError)
        -> ListingPage
    {
        guard let close = scanner.nextTag(tableTag, closing: true, from: table.end, to: scanner.count) else {
            throw PageParseError(.malformedListing, "listing table is not closed by </table>", offset: table.start)
        }
        let header = TableReader.headerRow(scanner, table: table, end: close.start)
        let required: [(TableReader.Column, String)] = [
            (.referenceId, "Reference ID"), (.subject, "Subject"), (.created, "Created"),
            (.classification, "Classification"), (.origin, "Origin"),
        ]
        var indices: [Int] = []
        for (column, name) in required {
            guard let index = header.index(of: column) else {
                throw PageParseError(.malformedListing, "listing header has no '\(name)' column", offset: table.start)
            }
            indices.append(index)
        }
        let releasedIndex = header.index(of: .released)
        var rows: [ListingRow] = []
        var position = header.end
        while let row = TableReader.nextRow(scanner, from: position, to: close.start) {
            position = row.end
            if row.cells.isEmpty { continue }
            guard row.cells.count >= header.columns.count else {
                throw PageParseError(
                    .malformedListing,
                    "listing row \(rows.count + 1) has \(row.cells.count) cells, header has \(header.columns.count)",
                    offset: row.start)
            }
            let referenceCell = row.cells[indices[0]]
            guard let cablePath = TableReader.firstHref(scanner, in: referenceCell) else {
                throw PageParseError(
                    .malformedListing, "listing row \(rows.count + 1) has no link to its cable", offset: row.start)
            }
            let referenceId = HTMLText.plainText(scanner, referenceCell)
            guard !referenceId.isEmpty else {
                throw PageParseError(
                    .malformedListing, "listing row \(rows.count + 1) has an empty Reference ID", offset: row.start)
            }
            rows.append(
                ListingRow(
                    referenceId: referenceId,
                    cablePath: cablePath,
                    subject: HTMLText.plainText(scanner, row.cells[indices[1]]),
                    created: HTMLText.plainText(scanner, row.cells[indices[2]]),
                    released: releasedIndex.map { HTMLText.plainText(scanner, row.cells[$0]) },
                    classification: HTMLText.plainText(scanner, row.cells[indices[3]]),
                    origin: HTMLText.plainText(scanner, row.cells[indices[4]])
                ))
        }
        let (page, lastPage) = readPagination(scanner, from: contentStart)
        return ListingPage(rows: rows, page: page, lastPage: lastPage)
    }

    /// `(page, lastPage)`, 0-based, from the first `div.paginator`: the current number is inside `<b>` (the real
    /// site writes `<b><a href=…>4</a></b>`), the last page is the highest number shown. A listing without a
    /// paginator is page 0 of 0.
    static func readPagination(_ scanner: ByteScanner, from start: Int) -> (page: Int, lastPage: Int) {
        let div = Array("div".utf8)
        guard let paginator = scanner.nextTag(div, withClass: Array("paginator".utf8), from: start, to: scanner.count)
        else { return (0, 0) }
        let end = scanner.nextTag(div, closing: true, from: paginator.end, to: scanner.count)?.start ?? scanner.count
        var current: Int?
        var highest = 0
        var insideBold = false
        var position = paginator.end
        while let open = scanner.index(of: UInt8(ascii: "<"), from: position, to: end) {
            guard let tag = scanner.tag(at: open, end: end) else {
                position = open + 1
                continue
            }
            position = tag.end
            if scanner.tag(tag, isNamed: Array("b".utf8)) {
                insideBold = !tag.isClosing
            } else if tag.isClosing || !scanner.tag(tag, isNamed: Array("a".utf8)) {
                continue
            }
            guard !tag.isClosing else { continue }
            let textEnd = scanner.index(of: UInt8(ascii: "<"), from: tag.end, to: end) ?? end
            guard let number = Int(HTMLText.plainText(scanner, tag.end..<textEnd)), number > 0 else { continue }
            highest = max(highest, number)
            if insideBold, current == nil { current = number }
        }
        let page = (current ?? 1) - 1
        return (page, max(highest - 1, page))
    }
}
