/// One release listing linked from the sidebar: a day (`/reldate/2011-04-28_0.html`) or, in the very first builds,
/// a month (`/reldate/2010-11_0.html`).
public struct ReleaseDay: Sendable, Hashable, Codable, Comparable {
    /// `YYYY-MM-DD` for a daily listing, `YYYY-MM` for an early monthly one.
    public var key: String

    public init(key: String) {
        self.key = key
    }

    /// Whether this is an early monthly listing.
    public var isMonthly: Bool { key.utf8.count == 7 }

    /// Site-relative path of listing page `page` (0-based) of this day.
    public func path(page: Int) -> String { "/reldate/\(key)_\(page).html" }

    public static func < (lhs: ReleaseDay, rhs: ReleaseDay) -> Bool { lhs.key < rhs.key }
}
