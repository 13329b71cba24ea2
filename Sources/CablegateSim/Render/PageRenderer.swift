/// Renders the site's pages exactly per the markup contract (DESIGN.md §2.1).
struct PageRenderer {
    let corpus: SimCorpus
    let schedule: ReleaseSchedule
    let index: SiteBuildIndex

    static let rowsPerPage = 50
    static let doctype =
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
        + "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
    static let head =
        "<html xmlns='http://www.w3.org/1999/xhtml'>\n<head><meta http-equiv='Content-Type' "
        + "content='text/html; charset=utf-8' /><title>Cable Viewer</title>"
        + "<link rel='stylesheet' type='text/css' href='/static/css/cablegate.css' /></head>\n<body>\n"
    static let preStyle = " style='white-space: pre-wrap;'"

    func frame(_ content: String, counterReleased: Int? = nil, counterTotal: Int? = nil) -> String {
        var page = Self.doctype + Self.head
        page += index.sidebar(
            released: counterReleased ?? index.counterReleased, total: counterTotal ?? index.counterTotal)
        page += "<div id='right'>\n"
        page += content
        page += "</div>\n</body>\n</html>\n"
        return page
    }

    func homePage() -> String {
        let content =
            "<h3>Secret US Embassy Cables</h3>\n"
            + "<p>This simulated archive publishes diplomatic cables in daily releases. The counter on the left "
            + "shows how many of the \(HTMLText.thousands(index.counterTotal)) cables are released so far.</p>\n"
            + "<p>Browse the latest release in the sidebar, or by creation date, origin, tag and classification. "
            + "Each cable page shows the routing header and the text of the cable.</p>\n"
        return frame(content)
    }

    /// One page of a listing, or nil when the key or page does not exist.
    func listingPage(_ kind: ListingKind, key: String, page: Int, linkHost: String = "") -> String? {
        guard let rows = index.rows(kind, key: key), page >= 0 else { return nil }
        let lastPage = max(0, (rows.count - 1) / Self.rowsPerPage)
        guard page <= lastPage else { return nil }
        let paginator = Self.paginator(kind: kind, key: key, page: page, lastPage: lastPage)
        var content = "<h3>\(HTMLText.escape(kind.title(for: index.label(kind, key: key))))</h3>\n"
        content += paginator
        content +=
            "<table class='cable'>\n<tr><th>Reference ID</th><th>Subject</th><th>Created</th>"
            + (index.legacy ? "" : "<th>Released</th>") + "<th>Classification</th><th>Origin</th></tr>\n"
        let end = min(rows.count, (page + 1) * Self.rowsPerPage)
        for cableIndex in rows[(page * Self.rowsPerPage)..<end] {
            content += row(cableIndex, linkHost: linkHost)
        }
        content += "</table>\n"
        content += paginator
        return frame(content)
    }

    private func row(_ cableIndex: Int, linkHost: String) -> String {
        let cable = corpus.cables[cableIndex]
        let released = schedule.releaseDay(ofBuild: index.snapshot.releasedBuild(of: cableIndex))
        let classification = cable.classification
        let originId = index.originIds[cable.stationIndex] ?? 0
        return "<tr>\n<td><a href='\(linkHost)\(cable.path)'>\(cable.referenceId)</a></td>\n"
            + "<td>\(HTMLText.escape(cable.subjectFirstLine))</td>\n"
            + "<td><a href='/date/\(cable.created.monthString)_0.html'>\(cable.created.dayString)</a></td>\n"
            + (index.legacy
                ? "" : "<td><a href='/reldate/\(released.dayString)_0.html'>\(released.dayString)</a></td>\n")
            + "<td><a href='/classification/\(classification.rawValue)_0.html' title='\(classification.wrongTitle)'>"
            + "\(classification.label)</a></td>\n"
            + "<td><a href='/origin/\(originId)_0.html'>\(HTMLText.escape(cable.origin))</a></td>\n</tr>\n"
    }

    static func paginator(kind: ListingKind, key: String, page: Int, lastPage: Int) -> String {
        func link(_ target: Int, _ text: String) -> String {
            "<a href='\(kind.path(key: key, page: target))'>\(text)</a>"
        }
        var parts: [String] = [link(max(0, page - 1), "&lt;&lt;")]
        var shown = Array(max(0, page - 5)...min(lastPage, page + 5))
        if shown.first != 0 { shown.insert(0, at: 0) }
        if shown.last != lastPage { shown.append(lastPage) }
        for number in shown {
            parts.append(number == page ? "<b>\(number + 1)</b>" : link(number, String(number + 1)))
        }
        parts.append(link(min(lastPage, page + 1), "&gt;&gt;"))
        return "<div class='paginator'>" + parts.joined(separator: " ") + "</div>\n"
    }

    /// A cable page; `cutSecondBlock` leaves the text block unterminated (the `cutPre` fault).
    func cablePage(
        _ cable: SimulatedCable, releasedBuild: Int, counterReleased: Int? = nil, cutSecondBlock: Bool = false
    )
        -> String
    {
        let metadata = cable.metadata
        let released = schedule.releaseDay(ofBuild: releasedBuild)
        let originId = index.originIds[metadata.stationIndex] ?? 0
        var content = "<h3>Viewing cable \(metadata.referenceId), \(HTMLText.escape(metadata.subjectFirstLine))</h3>\n"
        content +=
            "<blockquote>If you are new to these pages, please read an introduction on the "
            + "<a href='/about.html'>structure of a cable</a> as well as how to <a href='/about.html#discuss'>"
            + "discuss them</a> with others. See also the <a href='/faq.html'>FAQs</a></blockquote>\n"
        let created =
            "<td><a href='/date/\(metadata.created.monthString)_0.html'>\(metadata.created.minuteString)</a></td>\n"
        if index.legacy {
            content +=
                "<table class='cable'>\n<tr><th>Reference ID</th><th>Date</th>"
                + "<th>Classification</th><th>Origin</th></tr>\n<tr>\n"
                + "<td><a href='\(metadata.path)'>\(metadata.referenceId)</a></td>\n" + created
        } else {
            content +=
                "<table class='cable'>\n<tr><th>Reference ID</th><th>Created</th><th>Released</th>"
                + "<th>Classification</th><th>Origin</th></tr>\n<tr>\n"
                + "<td><a href='\(metadata.path)'>\(metadata.referenceId)</a></td>\n" + created
                + "<td><a href='/reldate/\(released.dayString)_0.html'>\(released.minuteString)</a></td>\n"
        }
        content +=
            "<td><a href='/classification/\(metadata.classification.rawValue)_0.html'>"
            + "\(metadata.classification.label)</a></td>\n"
            + "<td><a href='/origin/\(originId)_0.html'>\(HTMLText.escape(metadata.origin))</a></td>\n</tr>\n"
        if metadata.index % 37 == 5 {
            content +=
                "<tr><td colspan='\(index.legacy ? 4 : 5)'>Appears in these articles:<br /><a href='http://news.example.org/"
                + "\(metadata.referenceId.lowercased())'>news.example.org</a></td></tr>\n"
        }
        content += "</table>\n"
        content += "<code><pre\(Self.preStyle)>" + Self.preText(cable.header, linkTags: false) + "</pre></code>\n"
        let body = Self.preText(cable.body, linkTags: true)
        if cutSecondBlock {
            content += "<code><pre\(Self.preStyle)>" + Self.firstHalf(of: body) + "\n"
        } else {
            content += "<code><pre\(Self.preStyle)>" + body + "</pre></code>\n"
        }
        return frame(content, counterReleased: counterReleased)
    }

    /// The block text up to the first encoded newline after its middle (never inside an entity or a tag).
    static func firstHalf(of block: String) -> String {
        let middle = block.index(block.startIndex, offsetBy: block.count / 2)
        guard let cut = block.range(of: "&#x000A;", range: middle..<block.endIndex) else {
            return String(block[..<middle])
        }
        return String(block[..<cut.lowerBound])
    }

    /// Block text for inside `<pre>`: `&#x000A;` for newlines, ¶ anchors, tag links; nothing else escaped.
    static func preText(_ text: String, linkTags: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        var taggedLine = false
        var first = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { result += "&#x000A;" }
            first = false
            if linkTags && !taggedLine && (line.hasPrefix("TAGS: ") || line.hasPrefix("TAGS ")) {
                taggedLine = true
                result += tagLine(line)
            } else if linkTags && CableEditor.startsParagraph(String(line)) {
                let number = line.prefix(while: { $0.isNumber })
                result += "<a id='par\(number)' href='#par\(number)'>¶</a>"
                result += line
            } else {
                result += line
            }
        }
        return result
    }

    private static func tagLine(_ line: Substring) -> String {
        let prefixLength = line.hasPrefix("TAGS: ") ? 6 : 5
        var result = String(line.prefix(prefixLength))
        let tokens = line.dropFirst(prefixLength).split(separator: " ", omittingEmptySubsequences: false)
        var linked: [String] = []
        for token in tokens {
            let comma = token.hasSuffix(",")
            let tag = comma ? token.dropLast() : token
            if tag.isEmpty || !tag.allSatisfy({ $0.isLetter || $0.isNumber }) {
                linked.append(String(token))
            } else {
                linked.append("<a href='/tag/\(tag)_0.html'>\(tag)</a>" + (comma ? "," : ""))
            }
        }
        result += linked.joined(separator: " ")
        return result
    }
}
