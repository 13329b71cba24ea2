import GRDB

/// The SQLite archive as the source of `cablewatch migrate`: every table but the search index, in rowid order.
extension ArchiveStore: ArchiveRowSource {
    public var copiedTables: [String] {
        [
            "cable", "revision", "counterObservation", "event", "endpointState", "delivery", "deliveryAttempt",
            "fetchCache", "releaseDay", "syncState", "quarantine", "pollRun",
        ]
    }

    public func chunk(of table: String, after: Int64, limit: Int) async throws(StoreError) -> ArchiveTableChunk {
        guard copiedTables.contains(table) else {
            throw StoreError(
                kind: .invariant("no table '\(table)' to copy"), operation: "copy rows", path: path, message: "")
        }
        return try await read("copy rows of \(table)") { db in
            let columns = try db.columns(in: table)
            // Text is read as the bytes it holds: GRDB reads a TEXT value as a C string, which would cut it at a NUL.
            let selection = columns.map { column in
                column.type.uppercased() == "TEXT"
                    ? "CAST(\(column.name.quotedDatabaseIdentifier) AS BLOB)"
                    : column.name.quotedDatabaseIdentifier
            }
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT rowid, \(selection.joined(separator: ", ")) FROM \(table.quotedDatabaseIdentifier) "
                    + "WHERE rowid > ?\(Self.copyFilter(table)) ORDER BY rowid LIMIT ?",
                arguments: [after, limit])
            var values: [[ArchiveValue]] = []
            values.reserveCapacity(rows.count)
            var last = after
            for row in rows {
                last = row[0]
                values.append(
                    columns.indices.map { index in
                        let value: DatabaseValue = row[index + 1]
                        switch value.storage {
                        case .null: return .null
                        case .int64(let integer): return .integer(integer)
                        case .double(let real): return .real(real)
                        case .string(let text): return .text(text)
                        case .blob(let data):
                            let bytes = [UInt8](data)
                            return columns[index].type.uppercased() == "TEXT"
                                ? .text(String(decoding: bytes, as: UTF8.self)) : .blob(bytes)
                        }
                    })
            }
            return ArchiveTableChunk(table: table, columns: columns.map(\.name), rows: values, resumeAfter: last)
        }
    }

    public func rowCounts() async throws(StoreError) -> [String: Int64] {
        let tables = copiedTables
        return try await read("count rows") { db in
            var counts: [String: Int64] = [:]
            for table in tables {
                counts[table] = try Int64.fetchOne(
                    db, sql: "SELECT count(*) FROM \(table.quotedDatabaseIdentifier) WHERE 1\(Self.copyFilter(table))")
            }
            return counts
        }
    }

    /// The rows a table keeps back: the search index's watermark is derived data, which the target keeps its own way.
    private static func copyFilter(_ table: String) -> String {
        table == "syncState" ? " AND key <> '\(searchWatermarkKey)'" : ""
    }
}
