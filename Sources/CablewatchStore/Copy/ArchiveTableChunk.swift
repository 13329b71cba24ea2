/// A run of one table's rows in storage order, as `ArchiveRowSource` hands them over: the column names (as the
/// source names them) and one value per column for each row.
public struct ArchiveTableChunk: Sendable {
    public var table: String
    public var columns: [String]
    public var rows: [[ArchiveValue]]
    /// Where the next chunk starts: pass it back as `after`.
    public var resumeAfter: Int64

    public init(table: String, columns: [String], rows: [[ArchiveValue]], resumeAfter: Int64) {
        self.table = table
        self.columns = columns
        self.rows = rows
        self.resumeAfter = resumeAfter
    }
}
