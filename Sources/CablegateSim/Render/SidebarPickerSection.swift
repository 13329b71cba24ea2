/// A sidebar section whose links are grouped behind pickers, as the real site shows creation dates (by year),
/// origins and tags (by letter): an `h3` with a toggle link, a `div.pick` of `a.sort` pickers, then one `div.sort`
/// with an id per group.
struct SidebarPickerSection {
    /// One group: its id suffix (`2008`, `A`), its picker text (`08`, `A`) and its links.
    struct Group {
        let id: String
        let picker: String
        var links: [(href: String, text: String)]
    }

    /// Heading text before the toggle link, e.g. `Browse by creation `.
    let headingText: String
    /// The toggle link's text, e.g. `date`.
    let toggleText: String
    /// The section's number in the page script's `sha(N)`.
    let toggleNumber: Int
    /// Id prefix of the groups, e.g. `year_`.
    let idPrefix: String
    let groups: [Group]

    func render(into html: inout String) {
        let firstId = idPrefix + (groups.first?.id ?? "")
        html +=
            "<h3>\(headingText)<a href='#\(firstId)' onclick='return sha(\(toggleNumber));'>\(toggleText)</a></h3>\n"
        html += "<div class='pick'>\n"
        for group in groups {
            let id = idPrefix + group.id
            html += "<a class='sort' href='#\(id)' onclick=\"return swap('\(id)');\">\(group.picker)</a>\n"
        }
        html += "</div>\n"
        for group in groups {
            html += "<div class='sort' id='\(idPrefix)\(group.id)'>\n"
            for link in group.links { html += "<a href='\(link.href)'>\(link.text)</a>\n" }
            html += "</div>\n"
        }
    }

    /// Groups entries in order by `key`, keeping the first occurrence order of the keys.
    static func grouping<Entry>(
        _ entries: [Entry], key: (Entry) -> String, picker: (String) -> String,
        link: (Entry) -> (href: String, text: String)
    ) -> [Group] {
        var groups: [Group] = []
        var positions: [String: Int] = [:]
        for entry in entries {
            let id = key(entry)
            if let position = positions[id] {
                groups[position].links.append(link(entry))
            } else {
                positions[id] = groups.count
                groups.append(Group(id: id, picker: picker(id), links: [link(entry)]))
            }
        }
        return groups
    }
}
