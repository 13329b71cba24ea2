import GRDB

/// A row of the `syncState` table (DESIGN.md §3): one key/value checkpoint or flag.
struct SyncStateRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "syncState"

    var key: String
    var value: String

    /// The table's columns, for the query interface.
    enum Columns {
        static let key = Column(CodingKeys.key)
    }

    /// The value stored under `key`, nil when there is none.
    static func value(forKey key: String, _ db: Database) throws -> String? {
        try SyncStateRow.fetchOne(db, key: key)?.value
    }

    /// Stores `value` under `key`, replacing what was there.
    static func set(_ value: String, forKey key: String, _ db: Database) throws {
        try SyncStateRow(key: key, value: value).upsert(db)
    }
}
