/// The release-day links under the sidebar's "Browse latest releases" heading, in one of the real site's three
/// forms (DESIGN.md §2.1). Keys are `YYYY-MM-DD` (or `YYYY-MM` in the legacy format).
enum ReleaseDayBlock {
    /// Renders `keys` (in any order) in `form`.
    static func render(_ form: SidebarForm, keys: [String]) -> String {
        let ascending = keys.sorted()
        var html = ""
        html.reserveCapacity(ascending.count * 52 + 200)
        switch form {
        case .a:
            let month = ascending.last.map { String($0.dropFirst(5).prefix(2)) } ?? "00"
            html += "<div class='sort' id='ryear_\(month)'>\n"
            for key in ascending.reversed() { appendLink(key, to: &html) }
            html += "</div>\n"
        case .b:
            html += "<div class='sort'>\n"
            for key in ascending.reversed() { appendLink(key, to: &html) }
            html += "</div>\n"
        case .c:
            let months = monthGroups(ascending)
            html += "<div class='pick'>\n"
            for (month, _) in months {
                let id = "rdate_" + month.replacingOccurrences(of: "-", with: "")
                html +=
                    "<a class='sort fix' href='#\(id)' onclick=\"return swap('\(id)');\">"
                    + "\(month.replacingOccurrences(of: "-", with: "/"))</a>\n"
            }
            html += "</div>\n"
            for (month, days) in months {
                html += "<div class='sort' id='rdate_\(month.replacingOccurrences(of: "-", with: ""))'>\n"
                for key in days { appendLink(key, to: &html) }
                html += "</div>\n"
            }
        }
        return html
    }

    /// `<a href='/reldate/2010-11-30_0.html'>2010/11/30</a>`.
    private static func appendLink(_ key: String, to html: inout String) {
        html += "<a href='/reldate/\(key)_0.html'>\(key.replacingOccurrences(of: "-", with: "/"))</a>\n"
    }

    /// Sorted keys grouped by their `YYYY-MM` month, months in order.
    private static func monthGroups(_ ascending: [String]) -> [(month: String, keys: [String])] {
        var groups: [(month: String, keys: [String])] = []
        for key in ascending {
            let month = String(key.prefix(7))
            if groups.last?.month == month {
                groups[groups.count - 1].keys.append(key)
            } else {
                groups.append((month, [key]))
            }
        }
        return groups
    }
}
