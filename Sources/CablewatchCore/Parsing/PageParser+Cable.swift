extension PageParser {
    /// A cable page: headline, metadata table, optional article rows, the two `<code><pre>` blocks, fields, hashes.
    static func readCable(_ scanner: ByteScanner, headline: Range<Int>?, table: Tag) throws(PageParseError)
        -> CablePage
    {
        let metadata = try readCableTable(scanner, table: table)
        let header = try readTextBlock(scanner, number: 1, from: metadata.end)
        let body = try readTextBlock(scanner, number: 2, from: header.end)
        var headerText = try canonicalString(scanner, header.content)
        let bodyText = try canonicalString(scanner, body.content)
        let isPartialExtract = isPartialExtractPlaceholder(headerText)
        if isPartialExtract { headerText = "" }
        let headlineText = headline.map { headlineSubject(HTMLText.plainText(scanner, $0), metadata.referenceId) }
        return CablePage(
            referenceId: metadata.referenceId,
            created: metadata.created,
            released: metadata.released,
            classification: metadata.classification,
            origin: metadata.origin,
            headline: headlineText ?? "",
            articles: metadata.articles,
            header: headerText,
            body: bodyText,
            isPartialExtract: isPartialExtract,
            fields: CableTextFieldsReader.read(header: headerText, body: bodyText),
            hashes: ContentHasher.hashes(header: headerText, body: bodyText, rawPage: scanner.bytes)
        )
    }

    /// What the metadata table says, and the index after its `</table>`.
    struct CableMetadata {
        var referenceId: String
        var created: String
        var released: String?
        var classification: String
        var origin: String
        var articles: [String]
        var end: Int
    }

    static func readCableTable(_ scanner: ByteScanner, table: Tag) throws(PageParseError) -> CableMetadata {
        // The table must close before the first <pre>: a `</table>` inside the cable text does not count.
        let firstPre = scanner.nextTag(Array("pre".utf8), from: table.end, to: scanner.count)?.start ?? scanner.count
        guard let close = scanner.nextTag(tableTag, closing: true, from: table.end, to: firstPre) else {
            throw PageParseError(
                .malformedCableTable, "cable metadata table is not closed by </table> before the text",
                offset: table.start)
        }
        let header = TableReader.headerRow(scanner, table: table, end: close.start)
        let required: [(TableReader.Column, String)] = [
            (.referenceId, "Reference ID"), (.created, "Created/Date"), (.classification, "Classification"),
            (.origin, "Origin"),
        ]
        var indices: [Int] = []
        for (column, name) in required {
            guard let index = header.index(of: column) else {
                throw PageParseError(
                    .malformedCableTable, "cable metadata header has no '\(name)' column", offset: table.start)
            }
            indices.append(index)
        }
        var dataRow: TableReader.Row?
        var articles: [String] = []
        var position = header.end
        while let row = TableReader.nextRow(scanner, from: position, to: close.start) {
            position = row.end
            if row.cells.isEmpty { continue }
            if dataRow == nil, row.cells.count >= header.columns.count {
                dataRow = row
            } else if dataRow != nil,
                scanner.find(Array("Appears in these articles".utf8), from: row.start, to: row.end)
                    != nil
            {
                articles += TableReader.hrefs(scanner, in: row.start..<row.end)
            }
        }
        guard let dataRow else {
            throw PageParseError(
                .malformedCableTable, "cable metadata table has no row with \(header.columns.count) cells",
                offset: table.start)
        }
        let referenceId = HTMLText.plainText(scanner, dataRow.cells[indices[0]])
        guard !referenceId.isEmpty else {
            throw PageParseError(
                .malformedCableTable, "cable metadata has an empty Reference ID", offset: dataRow.start)
        }
        return CableMetadata(
            referenceId: referenceId,
            created: HTMLText.plainText(scanner, dataRow.cells[indices[1]]),
            released: header.index(of: .released).map { HTMLText.plainText(scanner, dataRow.cells[$0]) },
            classification: HTMLText.plainText(scanner, dataRow.cells[indices[2]]),
            origin: HTMLText.plainText(scanner, dataRow.cells[indices[3]]),
            articles: articles,
            end: close.end
        )
    }

    /// The inner markup of the next `<code><pre …>…</pre></code>` block and the index after it.
    static func readTextBlock(_ scanner: ByteScanner, number: Int, from start: Int) throws(PageParseError)
        -> (content: Range<Int>, end: Int)
    {
        let code = Array("code".utf8)
        let pre = Array("pre".utf8)
        var position = start
        while let codeOpen = scanner.nextTag(code, from: position, to: scanner.count) {
            let preStart = scanner.skipWhitespace(from: codeOpen.end, to: scanner.count)
            guard let preOpen = scanner.tag(at: preStart, end: scanner.count), !preOpen.isClosing,
                scanner.tag(preOpen, isNamed: pre)
            else {
                position = codeOpen.end
                continue
            }
            // A block ends only at `</pre></code>`: stray tags inside the text are text.
            var search = preOpen.end
            while let preClose = scanner.nextTag(pre, closing: true, from: search, to: scanner.count) {
                let codeStart = scanner.skipWhitespace(from: preClose.end, to: scanner.count)
                if let codeClose = scanner.tag(at: codeStart, end: scanner.count), codeClose.isClosing,
                    scanner.tag(codeClose, isNamed: code)
                {
                    return (preOpen.end..<preClose.start, codeClose.end)
                }
                search = preClose.end
            }
            throw PageParseError(
                .missingTextBlocks, "text block \(number) of 2 is not closed by </pre></code>", offset: codeOpen.start)
        }
        throw PageParseError(.missingTextBlocks, "cable page has no text block \(number) of 2 (<code><pre>)")
    }

    static func canonicalString(_ scanner: ByteScanner, _ range: Range<Int>) throws(PageParseError) -> String {
        let bytes = CanonicalText.canonicalBlockBytes(scanner.bytes[range])
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PageParseError(.invalidUTF8, "cable text block is not valid UTF-8", offset: range.lowerBound)
        }
        return text
    }

    static func isPartialExtractPlaceholder(_ text: String) -> Bool {
        text.utf8.count < 300
            && text.trimmingWhitespace.hasPrefix("This record is a partial extract of the original cable")
    }

    /// `SUBJECT` from `Viewing cable REFID, SUBJECT`: split after the reference id and the first `, `.
    static func headlineSubject(_ text: String, _ referenceId: String) -> String {
        var rest = Substring(text)
        let prefix = "Viewing cable "
        if rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count) }
        if rest.hasPrefix(referenceId + ", ") {
            return String(rest.dropFirst(referenceId.count + 2)).trimmingWhitespace
        }
        guard let comma = rest.firstRange(of: ", ") else { return "" }
        return String(rest[comma.upperBound...]).trimmingWhitespace
    }
}
