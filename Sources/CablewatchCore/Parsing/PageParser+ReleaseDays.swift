extension PageParser {
    /// The `/reldate/` links of the sidebar's release list (`<ul class='releases'>`, else the list after
    /// "Browse latest releases"), keyed by the `href`, deduplicated, in page order.
    static func readReleaseDays(_ scanner: ByteScanner) throws(PageParseError) -> [ReleaseDay] {
        let ul = Array("ul".utf8)
        let list: Tag
        if let found = scanner.nextTag(ul, withClass: Array("releases".utf8), from: 0, to: scanner.count) {
            list = found
        } else if let heading = scanner.find(Array("Browse latest releases".utf8), from: 0, to: scanner.count),
            let found = scanner.nextTag(ul, from: heading, to: scanner.count)
        {
            list = found
        } else {
            throw PageParseError(.missingReleaseDays, "no <ul class='releases'> or 'Browse latest releases' list")
        }
        let end = scanner.nextTag(ul, closing: true, from: list.end, to: scanner.count)?.start ?? scanner.count
        var days: [ReleaseDay] = []
        var seen: Set<String> = []
        for href in TableReader.hrefs(scanner, in: list.end..<end) {
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
