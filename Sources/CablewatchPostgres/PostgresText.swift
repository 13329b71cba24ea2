extension String {
    /// The text as a PostgreSQL `text` column can hold it: up to its first NUL, which is also what the SQLite
    /// archive keeps of a plain text column (its driver binds strings as C strings).
    var postgresText: String {
        guard let nul = utf8.firstIndex(of: 0) else { return self }
        return String(self[..<nul])
    }
}
