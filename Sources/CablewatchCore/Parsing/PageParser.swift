/// Reads the pages of a cablegate-style site (DESIGN.md §2, §2.1): bytes in, values out, no I/O.
public enum PageParser {
    /// Everything `bytes` holds: counter, sidebar release days, listing, cable.
    /// Throws only when the page is unusable: truncated, recognisably a listing or cable but incomplete, or none of
    /// counter/listing/cable.
    public static func parse(_ bytes: [UInt8]) throws(PageParseError) -> ParsedPage {
        let scanner = ByteScanner(bytes: bytes)
        try requireComplete(scanner)
        let counter = try? readCounter(scanner)
        let releaseDays = (try? readReleaseDays(scanner)) ?? []
        let contentStart = contentStart(scanner)
        var page = ParsedPage(counter: counter, releaseDays: releaseDays)
        switch try classify(scanner, from: contentStart) {
        case .cable(let headline, let table):
            page.cable = try readCable(scanner, headline: headline, table: table)
        case .listing(let table):
            page.listing = try readListing(scanner, table: table, from: contentStart)
        case .none:
            guard counter != nil else {
                throw PageParseError(.unrecognisedPage, "page has no release counter, listing table or cable")
            }
        }
        return page
    }

    /// The "Currently released so far... N / M" counter.
    public static func parseCounter(_ bytes: [UInt8]) throws(PageParseError) -> ReleaseCounter {
        let scanner = ByteScanner(bytes: bytes)
        try requireComplete(scanner)
        return try readCounter(scanner)
    }

    /// The release days linked from the sidebar's "Browse latest releases" section, deduplicated, in page order.
    public static func parseReleaseDays(_ bytes: [UInt8]) throws(PageParseError) -> [ReleaseDay] {
        let scanner = ByteScanner(bytes: bytes)
        try requireComplete(scanner)
        return try readReleaseDays(scanner)
    }

    /// The listing table and pagination of a listing page.
    public static func parseListing(_ bytes: [UInt8]) throws(PageParseError) -> ListingPage {
        let scanner = ByteScanner(bytes: bytes)
        try requireComplete(scanner)
        let contentStart = contentStart(scanner)
        guard case .listing(let table) = try classify(scanner, from: contentStart) else {
            throw PageParseError(.missingListing, "no <table class='cable'> with a Subject column")
        }
        return try readListing(scanner, table: table, from: contentStart)
    }

    /// The cable of a cable page.
    public static func parseCable(_ bytes: [UInt8]) throws(PageParseError) -> CablePage {
        let scanner = ByteScanner(bytes: bytes)
        try requireComplete(scanner)
        switch try classify(scanner, from: contentStart(scanner)) {
        case .cable(let headline, let table):
            return try readCable(scanner, headline: headline, table: table)
        case .listing(let table):
            throw PageParseError(
                .missingCableTable, "page is a listing (table with a Subject column), not a cable", offset: table.start)
        case .none:
            throw PageParseError(.missingCableTable, "no cable metadata table <table class='cable'>")
        }
    }

    // MARK: Shared steps

    /// Rejects a page that does not end with `</html>` (trailing whitespace ignored).
    static func requireComplete(_ scanner: ByteScanner) throws(PageParseError) {
        var end = scanner.count
        while end > 0, ByteScanner.isWhitespace(scanner[end - 1]) { end -= 1 }
        let closing = Array("</html>".utf8)
        guard end >= closing.count, scanner.matchesIgnoringCase(closing, at: end - closing.count) else {
            throw PageParseError(.truncated, "page does not end with </html>", offset: scanner.count)
        }
    }

    /// Where the content pane (`<div class='pane big'>`) starts, skipping the sidebar (`pane small`); 0 if the page
    /// has no such pane, since the sidebar holds no table, paginator or "Viewing cable" heading to be confused with.
    static func contentStart(_ scanner: ByteScanner) -> Int {
        scanner.nextTag(Array("div".utf8), withClass: Array("big".utf8), from: 0, to: scanner.count)?.start ?? 0
    }

    /// What the content area holds.
    enum Content {
        case cable(headline: Range<Int>?, table: Tag)
        case listing(table: Tag)
        case none
    }

    static let tableTag = Array("table".utf8)
    static let cableClass = Array("cable".utf8)

    /// Finds the first `<table class='cable'>` after `start` and tells a listing (Subject column) from a cable.
    static func classify(_ scanner: ByteScanner, from start: Int) throws(PageParseError) -> Content {
        let headline = viewingCableHeadline(scanner, from: start)
        guard let table = scanner.nextTag(tableTag, withClass: cableClass, from: start, to: scanner.count) else {
            if headline != nil {
                throw PageParseError(
                    .missingCableTable, "cable page has no metadata table <table class='cable'>",
                    offset: headline?.lowerBound)
            }
            return .none
        }
        let header = TableReader.headerRow(scanner, table: table)
        if headline == nil, header.columns.contains(.subject) { return .listing(table: table) }
        return .cable(headline: headline, table: table)
    }

    /// The inner range of the `<h3>` whose text starts with "Viewing cable", if any.
    static func viewingCableHeadline(_ scanner: ByteScanner, from start: Int) -> Range<Int>? {
        let marker = Array("viewing cable".utf8)
        let h3 = Array("h3".utf8)
        var position = start
        while let open = scanner.nextTag(h3, from: position, to: scanner.count) {
            let limit = scanner.nextTag(h3, from: open.end, to: scanner.count)?.start ?? scanner.count
            let close = scanner.nextTag(h3, closing: true, from: open.end, to: limit)
            let inner = open.end..<(close?.start ?? open.end)
            let textStart = scanner.skipWhitespace(from: inner.lowerBound, to: inner.upperBound)
            if scanner.matchesIgnoringCase(marker, at: textStart), textStart + marker.count <= inner.upperBound {
                return inner
            }
            position = close?.end ?? limit
        }
        return nil
    }
}
