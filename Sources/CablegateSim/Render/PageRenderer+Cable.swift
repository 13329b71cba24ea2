extension PageRenderer {
    /// A cable page; `cutSecondBlock` leaves the text block unterminated (the `cutPre` fault).
    func cablePage(
        _ cable: SimulatedCable, releasedBuild: Int, counterReleased: Int? = nil, cutSecondBlock: Bool = false
    ) -> String {
        let metadata = cable.metadata
        let originId = index.originIds[metadata.stationIndex] ?? 0
        let classification = metadata.classification
        var content = "<h3>Viewing cable \(metadata.referenceId), \(HTMLText.escape(metadata.subjectFirstLine))</h3>\n"
        content += CableHelpText.introduction
        content += CableHelpText.partsOfACable
        content += CableHelpText.pointingToACable(metadata.referenceId)
        content += "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n"
        content += index.legacy ? "<th>Date</th>\n" : "<th>Created</th>\n<th>Released</th>\n"
        content += "<th>Classification</th>\n<th>Origin</th>\n</tr>\n<tr>\n"
        content += "<td>\n<a href='\(metadata.path)'>\(metadata.referenceId)</a>\n</td>\n"
        content += "<td>\n<a href='/date/\(metadata.created.monthString)_0.html'>\(metadata.created.minuteString)</a>\n"
        content += "</td>\n"
        if !index.legacy {
            let released = schedule.releaseDay(ofBuild: releasedBuild)
            content += "<td>\n<a href='/reldate/\(released.dayString)_0.html'>\(released.minuteString)</a>\n</td>\n"
        }
        content +=
            "<td>\n<a href='/classification/\(classification.rawValue)_0.html' title='\(classification.wrongTitle)'>"
            + "\(classification.label)</a>\n</td>\n"
            + "<td>\n<a href='/origin/\(originId)_0.html'>\(HTMLText.escape(metadata.origin))</a>\n</td>\n</tr>\n"
        let articles = Self.articleCount(ofCable: metadata.index)
        if articles > 0 {
            content += "<tr>\n<td colspan='\(index.legacy ? 4 : 5)'>\nAppears in these articles:<br />\n"
            for article in 1...articles {
                let address = "news.example.org/\(metadata.referenceId.lowercased())-\(article)"
                content += "<a href='http://\(address)'>\(address)</a><br />\n"
            }
            content += "</td>\n</tr>\n"
        }
        content += "</table>\n"
        content += "<code><pre>" + PreBlockText.render(cable.header, linkTags: false) + "</pre></code>\n"
        let body = PreBlockText.render(cable.body, linkTags: true)
        if cutSecondBlock {
            content += "<code><pre>" + PreBlockText.firstHalf(of: body) + "\n"
        } else {
            content += "<code><pre>" + body + "</pre></code>\n"
        }
        return frame(content, counterReleased: counterReleased)
    }

    /// How many press articles a cable's page links ("Appears in these articles"): 1 to 7 for one cable in 37,
    /// none for the others.
    static func articleCount(ofCable cableIndex: Int) -> Int {
        cableIndex % 37 == 5 ? 1 + (cableIndex / 37) % 7 : 0
    }
}
