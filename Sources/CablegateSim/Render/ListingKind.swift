/// The listing families of the site and their URL prefixes.
public enum ListingKind: String, Sendable, CaseIterable {
    case releaseDay = "reldate"
    case creationMonth = "date"
    case origin = "origin"
    case tag = "tag"
    case classification = "classification"

    /// `/reldate/KEY_P.html`.
    func path(key: String, page: Int) -> String { "/\(rawValue)/\(key)_\(page).html" }

    /// The content pane's heading: `Browse by 2011/02/04`, `Browse by Embassy Ankara`, `Browse by PREL`.
    static func heading(for label: String) -> String { "Browse by \(label)" }
}
