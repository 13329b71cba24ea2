/// The listing families of the site and their URL prefixes.
public enum ListingKind: String, Sendable, CaseIterable {
    case releaseDay = "reldate"
    case creationMonth = "date"
    case origin = "origin"
    case tag = "tag"
    case classification = "classification"

    /// `/reldate/KEY_P.html`.
    func path(key: String, page: Int) -> String { "/\(rawValue)/\(key)_\(page).html" }

    func title(for label: String) -> String {
        switch self {
        case .releaseDay: "Browse by release date: \(label)"
        case .creationMonth: "Browse by creation date: \(label)"
        case .origin: "Browse by origin: \(label)"
        case .tag: "Browse by tag: \(label)"
        case .classification: "Browse by classification: \(label)"
        }
    }
}
