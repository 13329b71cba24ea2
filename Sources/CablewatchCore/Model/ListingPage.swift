/// A parsed listing page: its rows and where it sits in the pagination.
public struct ListingPage: Sendable, Hashable, Codable {
    public var rows: [ListingRow]
    /// This page's index, 0-based (the `_P` file suffix).
    public var page: Int
    /// The last page's index, 0-based.
    public var lastPage: Int

    public init(rows: [ListingRow], page: Int, lastPage: Int) {
        self.rows = rows
        self.page = page
        self.lastPage = lastPage
    }
}
