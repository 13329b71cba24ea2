/// An archive read table by table, row by row, in an order that satisfies every foreign key: what
/// `cablewatch migrate` copies into an empty archive of another backend. Derived data (a search index) is not a
/// table here; the target derives its own.
public protocol ArchiveRowSource: Sendable {
    /// The tables to copy, parents before children, as the source names them.
    var copiedTables: [String] { get }

    /// Up to `limit` rows of `table` after position `after` (0 for the first chunk); an empty chunk ends the table.
    func chunk(of table: String, after: Int64, limit: Int) async throws(StoreError) -> ArchiveTableChunk

    /// Row counts of the copied tables, to compare with what the target holds afterwards.
    func rowCounts() async throws(StoreError) -> [String: Int64]
}
