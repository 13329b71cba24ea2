/// The real site's `div.paginator`: previous, first, the current page between its neighbours, last, next
/// (DESIGN.md §2.1). Origin listings write the arrows without their inner spaces.
enum Paginator {
    /// `<div class='paginator'>…</div>\n` for 0-based `page` of `0...lastPage`.
    static func render(kind: ListingKind, key: String, page: Int, lastPage: Int) -> String {
        func link(_ target: Int, _ text: String) -> String {
            "<a href='\(kind.path(key: key, page: target))'>\(text)</a>"
        }
        let compact = kind == .origin
        var html = "<div class='paginator'>"
        html += link(max(0, page - 1), compact ? "&lt;&lt;" : "&lt;&lt; ")
        html += link(0, "1") + " .. "
        if page > 0 { html += link(page - 1, String(page)) }
        html += " <b>" + link(page, String(page + 1)) + "</b> "
        if page < lastPage { html += link(page + 1, String(page + 2)) }
        html += " .. " + link(lastPage, String(lastPage + 1))
        html += link(min(lastPage, page + 1), compact ? "&gt;&gt;" : " &gt;&gt;")
        html += "</div>\n"
        return html
    }
}
