/// Renders a build's sidebar (`<div class='pane small'>`) in its era's structure (DESIGN.md §2.1): support banner
/// (after the first days), the logo link holding the counter, then in `div#browse` the Articles (to February 2011),
/// the release days, creation dates, origins, tags and classifications, then the community links and the motto.
enum SidebarRenderer {
    /// What the sidebar lists; every array in the order the site shows it.
    struct Entries {
        /// Release listing keys (`YYYY-MM-DD`, or `YYYY-MM` in the legacy format), any order.
        var releaseKeys: [String]
        /// Creation months `YYYY-MM`, ascending.
        var months: [String]
        /// Origins with this build's ids, by name.
        var origins: [(id: Int, name: String)]
        /// Tags, ascending.
        var tags: [String]
    }

    static func counterLine(released: Int, total: Int) -> String {
        "<p>Currently released so far... \(released) / \(HTMLText.thousands(total))</p>\n"
    }

    /// The sidebar before and after the counter line.
    static func render(style: PageStyle, entries: Entries) -> (before: String, after: String) {
        var before = "<div class='pane small'>\n"
        if !style.isFirstDays { before += SidebarText.supportBanner }
        before += "<a href='/index.html'>\n<img alt='Cable Viewer logo' src='/static/gfx/logo.png' />\n"

        var after = "</a>\n<div id='browse'>\n"
        if style.hasArticles { after += SidebarText.articles }
        after += "<h3>Browse latest releases</h3>\n"
        after += ReleaseDayBlock.render(style.sidebarForm, keys: entries.releaseKeys)
        dateSection(entries.months).render(into: &after)
        originSection(entries.origins).render(into: &after)
        tagSection(entries.tags).render(into: &after)
        after += "<h3>Browse by classification</h3>\n<div class='sort'>\n"
        for classification in SimClassification.allCases {
            after +=
                "<a href='/classification/\(classification.rawValue)_0.html' "
                + "title='\(classification.wrongTitle)'>\(classification.label)</a>\n"
        }
        after += "</div>\n</div>\n"
        after += SidebarText.community
        if !style.isFirstDays { after += SidebarText.motto }
        after += "</div>\n"
        return (before, after)
    }

    /// Creation months grouped by year: pickers `08`, groups `year_2008` of `2008/03` links.
    private static func dateSection(_ months: [String]) -> SidebarPickerSection {
        SidebarPickerSection(
            headingText: "Browse by creation ", toggleText: "date", toggleNumber: 0, idPrefix: "year_",
            groups: SidebarPickerSection.grouping(
                months, key: { String($0.prefix(4)) }, picker: { String($0.suffix(2)) },
                link: { (href: "/date/\($0)_0.html", text: $0.replacingOccurrences(of: "-", with: "/")) }))
    }

    /// Origins grouped by the first letter of their place (`Embassy Ankara` under A), letters in order.
    private static func originSection(_ origins: [(id: Int, name: String)]) -> SidebarPickerSection {
        let sorted = origins.sorted { (place($0.name), $0.id) < (place($1.name), $1.id) }
        return SidebarPickerSection(
            headingText: "Browse by ", toggleText: "origin", toggleNumber: 1, idPrefix: "by_",
            groups: SidebarPickerSection.grouping(
                sorted, key: { initial(place($0.name)) }, picker: { $0 },
                link: { (href: "/origin/\($0.id)_0.html", text: HTMLText.escape($0.name)) }))
    }

    /// Tags grouped by their first letter.
    private static func tagSection(_ tags: [String]) -> SidebarPickerSection {
        SidebarPickerSection(
            headingText: "Browse by ", toggleText: "tag", toggleNumber: 2, idPrefix: "tag_",
            groups: SidebarPickerSection.grouping(
                tags, key: { initial($0) }, picker: { $0 },
                link: { (href: "/tag/\($0)_0.html", text: HTMLText.escape($0)) }))
    }

    /// `Embassy Ankara` → `Ankara`; names without a post prefix stay as they are.
    private static func place(_ origin: String) -> Substring {
        for prefix in ["Embassy ", "Consulate "] where origin.hasPrefix(prefix) {
            return origin.dropFirst(prefix.count)
        }
        return Substring(origin)
    }

    /// The upper-cased first letter or digit, `X` for anything else.
    private static func initial(_ text: some StringProtocol) -> String {
        guard let first = text.first, first.isASCII, first.isLetter || first.isNumber else { return "X" }
        return first.uppercased()
    }
}
