extension PageRenderer {
    /// The home page: the real home page's content structure (DESIGN.md §2.1) with the simulator's own text and
    /// this build's figures.
    func homePage() -> String {
        let style = index.style
        let total = HTMLText.thousands(index.counterTotal)
        var content = "<h1>Simulated Embassy Cables</h1>\n"
        if style.hasArticles { content += HomePageText.translations }
        content +=
            "<p>This simulated archive publishes \(total) invented diplomatic cables in daily releases, "
            + "for testing trackers of the cablegate site.</p>\n"
            + "<p>The counter in the sidebar shows how many of them are released so far; "
            + "every release rebuilds every page.</p>\n"
            + "<p>\n<a href='/articles/sim-contacts.html'>Who runs this simulation</a>\n</p>\n"
        content += "<h3>Finding your way</h3>\n"
        content +=
            "<p>Browse the releases, creation dates, origins, tags and classifications in the sidebar.</p>\n"
        let example = index.order.first.map { corpus.cables[$0].referenceId } ?? "10STATE1"
        content +=
            "<p>Point others to a cable with <b>#cablegate-sim</b> or its reference ID, e.g. <b>#\(example)</b>.</p>\n"
        content += "<h3>This build in figures:</h3>\n<ul>\n"
        for classification in SimClassification.allCases {
            let count = index.rows(.classification, key: String(classification.rawValue))?.count ?? 0
            let lineBreak = classification == .unclassified ? " <br /><br />" : ""
            content += "<li>\(HTMLText.thousands(count)) \(classification.label.lowercased())\(lineBreak)</li>\n"
        }
        content += "<li>\(index.counterReleased) released of \(total)</li>\n</ul>\n<br />\n"
        content += "<p>The tags this build lists most often:</p>\n<ul>\n"
        let tags = (index.listings[.tag] ?? [:]).map { (tag: $0.key, count: $0.value.count) }
            .sorted { ($1.count, $0.tag) < ($0.count, $1.tag) }.prefix(5)
        for (position, tag) in tags.enumerated() {
            let lineBreak = position == tags.count - 1 ? "<br /><br />" : ""
            content += "<li>\(HTMLText.escape(tag.tag)) – \(HTMLText.thousands(tag.count))\(lineBreak)</li>\n"
        }
        content += "</ul>\n<h3>Charts</h3>\n"
        content += style.isFirstDays ? HomePageText.firstDaysCharts : "<img src='/static/gfx/chart.png' />\n"
        content += "<h3>Downloads</h3>\n"
        content +=
            "<p>\n<a href='/downloads/cablegate-sim-build-\(index.build).7z'>"
            + "This build as one archive.</a>\n</p>\n"
        if !style.isFirstDays {
            content += "<p>\n<a href='/downloads/magnets.txt'>Magnet links of every build.</a>\n</p>\n"
        }
        content += "<p>\nQuestions? See the\n<a href='/static/html/faq.html'>questions page</a>\n</p>\n"
        return frame(content)
    }
}
