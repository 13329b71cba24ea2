extension PageRenderer {
    /// The last page of a listing of `rows` rows: a list holding an exact multiple of 50 rows gets one more, empty,
    /// page, as on the real site (DESIGN.md §2.1).
    static func lastPage(rows: Int) -> Int { rows / rowsPerPage }

    /// One page of a listing, or nil when the key or page does not exist.
    func listingPage(_ kind: ListingKind, key: String, page: Int, linkHost: String = "") -> String? {
        guard let rows = index.rows(kind, key: key), page >= 0, page <= Self.lastPage(rows: rows.count) else {
            return nil
        }
        let paginator = Paginator.render(kind: kind, key: key, page: page, lastPage: Self.lastPage(rows: rows.count))
        let start = min(rows.count, page * Self.rowsPerPage)
        let end = min(rows.count, start + Self.rowsPerPage)
        var content = ""
        content.reserveCapacity(1200 + (end - start) * 720)
        content += "<h3>"
        content += HTMLText.escape(ListingKind.heading(for: index.label(kind, key: key)))
        content += "</h3>\n"
        content += paginator
        content += index.legacy ? ListingTable.legacyHeader : ListingTable.header
        for cableIndex in rows[start..<end] {
            let cable = corpus.cables[cableIndex]
            ListingTable.appendRow(
                cable,
                released: index.legacy
                    ? nil : index.releaseDayString(ofBuild: index.snapshot.releasedBuild(of: cableIndex)),
                originId: index.originIds[cable.stationIndex] ?? 0, linkHost: linkHost, to: &content)
        }
        content += "</table>\n"
        content += paginator
        return frame(content)
    }
}
