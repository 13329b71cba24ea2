import PostgresNIO

/// The `VALUES` list of one multi-row `INSERT`, every value bound as a parameter: a commit writes its rows in one
/// statement per table rather than one round trip per row. `$1` is the commit's timestamp, which rows share.
struct PostgresInsertValues {
    /// The most rows one statement takes: far below the 65,535 parameters a statement may bind (a row binds at
    /// most a dozen).
    static let maximumRows = 1000

    /// About the most bytes of text one statement binds (a row may go past it): the bindings are copied a few
    /// times on their way to the server, so a step of hundreds of cables goes in several statements and the
    /// daemon's memory stays as it was with a statement per row.
    static let maximumBytes = 1 << 20

    private var bindings = PostgresBindings()
    private var tuples: [String] = []
    private var row: [String] = []

    /// An empty list whose rows may refer to `timestamp` (`timestamp()`).
    init(timestamp: String) {
        bindings.append(timestamp)
    }

    /// Adds `value` (NULL when nil) to the current row.
    mutating func value<Value: PostgresThrowingDynamicTypeEncodable>(_ value: Value?) throws {
        try bindings.append(value)
        row.append("$\(bindings.count)")
    }

    /// Adds the shared timestamp to the current row.
    mutating func timestamp() {
        row.append("$1")
    }

    /// Adds a constant to the current row.
    mutating func literal(_ sql: String) {
        row.append(sql)
    }

    /// Adds the search vector of `text` to the current row (`PostgresSearchVector`).
    mutating func searchVector(of text: String) {
        bindings.append(PostgresSearchVector(of: text))
        row.append("$\(bindings.count)")
    }

    /// Ends the current row.
    mutating func endRow() {
        tuples.append("(" + row.joined(separator: ", ") + ")")
        row = []
    }

    /// `insert` (`INSERT INTO table (columns)`) followed by the rows.
    func query(_ insert: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: insert + " VALUES " + tuples.joined(separator: ", "), binds: bindings)
    }
}
