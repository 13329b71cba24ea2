extension PageParser {
    /// The release days of the sidebar: every `href` containing `/reldate/` between the "Browse latest releases"
    /// heading and the next `<h3>`, keyed by the `href`, deduplicated, in page order.
    ///
    /// One rule reads all three forms the real site used (DESIGN.md §2.1): the day links in one `div.sort`, with or
    /// without an id, and the month pickers (links to `#rdate_…` anchors, which carry no `/reldate/`) followed by one
    /// `div.sort` of day links per month. A heading with no day after it is returned as an empty list: the caller
    /// decides that a page with a counter but no release day is markup it does not know.
    static func readReleaseDays(_ scanner: ByteScanner) throws(PageParseError) -> [ReleaseDay] {
        guard let heading = scanner.findIgnoringCase(Array("browse latest releases".utf8), from: 0, to: scanner.count)
        else {
            throw PageParseError(.missingReleaseDays, "no 'Browse latest releases' heading in the sidebar")
        }
        let end = scanner.nextTag(Array("h3".utf8), from: heading, to: scanner.count)?.start ?? scanner.count
        var days: [ReleaseDay] = []
        var seen: Set<String> = []
        for href in TableReader.hrefs(scanner, in: heading..<end) {
            guard let key = releaseKey(fromHref: href), seen.insert(key).inserted else { continue }
            days.append(ReleaseDay(key: key))
        }
        return days
    }

    /// `2011-04-28` from `…/reldate/2011-04-28_0.html`, `2010-11` from `…/reldate/2010-11_0.html`.
    static func releaseKey(fromHref href: String) -> String? {
        let utf8 = Array(href.utf8)
        let marker = Array("/reldate/".utf8)
        guard let found = ByteScanner(bytes: utf8).find(marker, from: 0, to: utf8.count) else { return nil }
        let start = found + marker.count
        var end = start
        while end < utf8.count, ByteScanner.isDigit(utf8[end]) || utf8[end] == UInt8(ascii: "-") { end += 1 }
        let key = utf8[start..<end]
        let shape = key.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "-") : UInt8(ascii: "9") }
        guard shape == Array("9999-99-99".utf8) || shape == Array("9999-99".utf8) else { return nil }
        return String(decoding: key, as: UTF8.self)
    }
}
