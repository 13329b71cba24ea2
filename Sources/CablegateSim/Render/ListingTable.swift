/// The `<table class='cable'>` of listing pages: a header row, then one row per cable with every cell on its own
/// lines, as the real site writes it (DESIGN.md §2.1). The legacy format has no Released column.
enum ListingTable {
    static let header =
        "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Subject</th>\n<th>Created</th>\n"
        + "<th>Released</th>\n<th>Classification</th>\n<th>Origin</th>\n</tr>\n"
    static let legacyHeader =
        "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Subject</th>\n<th>Created</th>\n"
        + "<th>Classification</th>\n<th>Origin</th>\n</tr>\n"

    /// Appends one row; `released` is the `YYYY-MM-DD` of the row's release day, nil in the legacy format.
    static func appendRow(
        _ cable: SimCableMetadata, released: String?, originId: Int, linkHost: String, to html: inout String
    ) {
        let classification = cable.classification
        html += "<tr>\n<td>\n<a href='"
        html += linkHost
        html += cable.path
        html += "'>"
        html += cable.referenceId
        html += "</a>\n</td>\n<td>"
        html += HTMLText.escape(cable.subjectFirstLine)
        html += "</td>\n<td>\n<a href='/date/"
        html += cable.created.monthString
        html += "_0.html'>"
        html += cable.created.dayString
        html += "</a>\n</td>\n"
        if let released {
            html += "<td>\n<a href='/reldate/"
            html += released
            html += "_0.html'>"
            html += released
            html += "</a>\n</td>\n"
        }
        html += "<td>\n<a href='/classification/"
        html += String(classification.rawValue)
        html += "_0.html' title='"
        html += classification.wrongTitle
        html += "'>"
        html += classification.label
        html += "</a>\n</td>\n<td>\n<a href='/origin/"
        html += String(originId)
        html += "_0.html'>"
        html += HTMLText.escape(cable.origin)
        html += "</a>\n</td>\n</tr>\n"
    }
}
