import Foundation

/// Renders the sidebar (`<div id='left'>`): counter, release days, creation months, origins, tags, classifications.
enum SidebarRenderer {
    static func counterLine(released: Int, total: Int) -> String {
        "<p>Currently released so far... \(released) / \(HTMLText.thousands(total))</p>\n"
    }

    static func render(releaseDays: [String], months: [String], origins: [(id: Int, name: String)], tags: [String])
        -> (before: String, after: String)
    {
        var after = ""
        for day in releaseDays {
            after += "<li><a href='/reldate/\(day)_0.html'>\(day.replacingOccurrences(of: "-", with: "/"))</a></li>\n"
        }
        after += "</ul>\n<h3>Browse by creation date</h3>\n<ul class='dates'>\n"
        for month in months {
            after += "<li><a href='/date/\(month)_0.html'>\(month.replacingOccurrences(of: "-", with: "/"))</a></li>\n"
        }
        after += "</ul>\n<h3>Browse by origin</h3>\n<ul class='origins'>\n"
        for origin in origins {
            after += "<li><a href='/origin/\(origin.id)_0.html'>\(HTMLText.escape(origin.name))</a></li>\n"
        }
        after += "</ul>\n<h3>Browse by tag</h3>\n<ul class='tags'>\n"
        for tag in tags {
            after += "<li><a href='/tag/\(tag)_0.html'>\(tag)</a></li>\n"
        }
        after += "</ul>\n<h3>Browse by classification</h3>\n<ul class='classifications'>\n"
        for classification in SimClassification.allCases {
            after +=
                "<li><a href='/classification/\(classification.rawValue)_0.html' "
                + "title='\(classification.wrongTitle)'>\(classification.label)</a></li>\n"
        }
        after += "</ul>\n</div>\n"
        // The counter sits at the top, before the release days.
        return (
            before: "<div id='left'>\n<h3>Cablegate</h3>\n",
            after: "<p><a href='/index.html'>Home</a></p>\n"
                + "<h3>Browse latest releases</h3>\n<ul class='releases'>\n" + after
        )
    }
}
