/// Renders the site's pages in the real site's markup of the build's era (DESIGN.md §2.1): the frame, the sidebar
/// (rendered once per build by `SiteBuildIndex`) and the content pane of the home, listing and cable pages.
struct PageRenderer {
    let corpus: SimCorpus
    let schedule: ReleaseSchedule
    let index: SiteBuildIndex

    static let rowsPerPage = 50
    /// The XML declaration and the XHTML doctype.
    static let doctype =
        "<?xml version='1.0' encoding='utf-8' ?>\n"
        + "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
        + "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
    /// The `html` element's opening with the head, then the body up to the sidebar: the same in every era.
    static let head =
        "<html lang='en' xml:lang='en' xmlns='http://www.w3.org/1999/xhtml'>\n<head>\n<title>Cable Viewer</title>\n"
        + "<link href='/static/gfx/favicon.ico' rel='shortcut icon' />\n"
        + "<link href='/static/css/reset-fonts-grids.css' rel='stylesheet' type='text/css' />\n"
        + "<link href='/static/css/cables.css' rel='stylesheet' type='text/css' />\n"
        + "</head>\n<body>\n<div class='main'>\n"
    /// Opens the content pane, right after the sidebar.
    static let contentOpening = "<div class='pane big'>\n"

    /// The whole page around `content` (the inside of `div.pane.big`); a stale page passes its older counter.
    func frame(_ content: String, counterReleased: Int? = nil, counterTotal: Int? = nil) -> String {
        let sidebar = index.sidebar(
            released: counterReleased ?? index.counterReleased, total: counterTotal ?? index.counterTotal)
        let closing =
            "</div>\n</div>\n<script src='\(index.style.scriptPath)' type='text/javascript'></script>\n"
            + "</body>\n</html>\n"
        var page = ""
        page.reserveCapacity(
            Self.doctype.utf8.count + Self.head.utf8.count + sidebar.utf8.count + content.utf8.count + 160)
        page += Self.doctype
        page += Self.head
        page += sidebar
        page += Self.contentOpening
        page += content
        page += closing
        return page
    }
}
