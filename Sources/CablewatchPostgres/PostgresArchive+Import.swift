import CablewatchStore
import Foundation
import Logging
import PostgresNIO

/// `cablewatch migrate`: another backend's archive copied into this empty one, row for row, in one transaction, so
/// either the whole archive arrives or nothing does. Events keep their seq, id and hashes, so the chain stays intact.
extension PostgresArchive {
    /// What one column of a target table takes.
    private enum ColumnType {
        case integer, text, bytes, boolean, searchVector
        /// A `GENERATED ALWAYS AS IDENTITY` column, given the source's value.
        case identity
    }

    /// Copies every table of `source` into this archive, which must hold no row yet. Returns the rows copied per
    /// source table, which are the rows the source counted before the copy (or nothing is committed).
    public func importArchive(from source: some ArchiveRowSource, chunkRows: Int = 500) async throws(StoreError)
        -> [String: Int64]
    {
        let logger = logger
        let expected = try await source.rowCounts()
        return try await write("migrate") { connection in
            for table in source.copiedTables {
                let target = Self.postgresName(table)
                guard
                    try await connection.value("SELECT count(*) FROM \(unescaped: target)", as: Int64.self, logger) == 0
                else {
                    throw StoreError(
                        kind: .invariant("table \(target) already holds rows"), operation: "migrate",
                        path: location,
                        message: "migrate copies into an empty database only")
                }
            }
            var copied: [String: Int64] = [:]
            for table in source.copiedTables {
                let target = Self.postgresName(table)
                let types = try await Self.columnTypes(of: target, connection, logger)
                var after: Int64 = 0
                while true {
                    let chunk = try await source.chunk(of: table, after: after, limit: chunkRows)
                    if chunk.rows.isEmpty { break }
                    try await insert(chunk, into: target, types: types, connection)
                    copied[table, default: 0] += Int64(chunk.rows.count)
                    after = chunk.resumeAfter
                }
            }
            for table in source.copiedTables where copied[table, default: 0] != expected[table, default: 0] {
                throw StoreError(
                    kind: .invariant(
                        "\(table): \(copied[table, default: 0]) rows copied, the source counted "
                            + "\(expected[table, default: 0]) (was a daemon writing to it?)"),
                    operation: "migrate", path: location, message: "")
            }
            // Identity columns were given their values: their sequences go on after the highest.
            for row in try await connection.rows(
                """
                SELECT table_name::text, column_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND is_identity = 'YES'
                """, logger)
            {
                let (table, column) = try row.decode((String, String).self)
                try await connection.execute(
                    """
                    SELECT setval(pg_get_serial_sequence(\(table), \(column)), max(\(unescaped: column)))
                    FROM \(unescaped: table) HAVING max(\(unescaped: column)) IS NOT NULL
                    """, logger)
            }
            return copied
        }
    }

    /// Row counts of the tables `source` copies, under the source's names.
    public func rowCounts(of source: some ArchiveRowSource) async throws(StoreError) -> [String: Int64] {
        let logger = logger
        return try await read("count rows") { connection in
            var counts: [String: Int64] = [:]
            for table in source.copiedTables {
                counts[table] =
                    try await connection.value(
                        "SELECT count(*) FROM \(unescaped: Self.postgresName(table))", as: Int64.self, logger) ?? 0
            }
            return counts
        }
    }

    /// A source name (`deliveryAttempt`, `contentSHA256`) as this schema spells it (`delivery_attempt`,
    /// `content_sha256`).
    static func postgresName(_ name: String) -> String {
        var output = ""
        var previous: Character?
        for character in name {
            if character.isUppercase, let previous, previous.isLowercase { output.append("_") }
            output.append(contentsOf: character.lowercased())
            previous = character
        }
        return output
    }

    private static func columnTypes(of table: String, _ connection: PostgresConnection, _ logger: Logger)
        async throws -> [String: ColumnType]
    {
        var types: [String: ColumnType] = [:]
        for row in try await connection.rows(
            """
            SELECT column_name::text, data_type::text, is_identity::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = \(table)
            """, logger)
        {
            let (name, type, isIdentity) = try row.decode((String, String, String).self)
            if isIdentity == "YES" {
                types[name] = .identity
                continue
            }
            switch type {
            case "bigint", "integer": types[name] = .integer
            case "bytea": types[name] = .bytes
            case "boolean": types[name] = .boolean
            case "tsvector": types[name] = .searchVector
            default: types[name] = .text
            }
        }
        return types
    }

    /// Inserts one chunk with one multi-row statement; a revision's search vector is computed here as a new
    /// revision's is, from its subject and body.
    private func insert(
        _ chunk: ArchiveTableChunk, into table: String, types: [String: ColumnType], _ connection: PostgresConnection
    ) async throws {
        let columns = chunk.columns.map(Self.postgresName)
        for column in columns where types[column] == nil {
            throw StoreError(
                kind: .invariant("column \(chunk.table).\(column) has no place in \(table)"), operation: "migrate",
                path: location, message: "")
        }
        let searchColumn = types.first { $0.value == .searchVector }?.key
        let subjectIndex = columns.firstIndex(of: "subject")
        let bodyIndex = columns.firstIndex(of: "body")
        let identity = columns.contains { types[$0] == .identity } ? " OVERRIDING SYSTEM VALUE" : ""
        // A statement takes at most 65,535 parameters.
        let perRow = columns.count + (searchColumn == nil ? 0 : 1)
        let rowsPerStatement = max(1, 65_535 / perRow)
        var start = 0
        while start < chunk.rows.count {
            let rows = chunk.rows[start..<min(chunk.rows.count, start + rowsPerStatement)]
            var bindings = PostgresBindings(capacity: rows.count * perRow)
            var tuples: [String] = []
            for row in rows {
                var placeholders: [String] = []
                for (index, value) in row.enumerated() {
                    try Self.bind(value, as: types[columns[index]] ?? .text, into: &bindings)
                    placeholders.append("$\(bindings.count)")
                }
                if searchColumn != nil {
                    let text = [subjectIndex, bodyIndex].compactMap { $0 }.map { Self.text(row[$0]) }
                    bindings.append(PostgresSearchVector(of: text.joined(separator: " ")))
                    placeholders.append("$\(bindings.count)")
                }
                tuples.append("(" + placeholders.joined(separator: ", ") + ")")
            }
            let names = (columns + [searchColumn].compactMap { $0 }).joined(separator: ", ")
            let sql = "INSERT INTO \(table) (\(names))\(identity) VALUES " + tuples.joined(separator: ", ")
            try await connection.execute(PostgresQuery(unsafeSQL: sql, binds: bindings), logger)
            start += rows.count
        }
    }

    private static func bind(_ value: ArchiveValue, as type: ColumnType, into bindings: inout PostgresBindings)
        throws
    {
        switch (value, type) {
        case (.null, _): bindings.appendNull()
        case (.integer(let integer), .boolean): bindings.append(integer != 0)
        case (.integer(let integer), _): bindings.append(integer)
        case (.real(let real), _): bindings.append(real)
        case (.text(let text), .bytes): try bindings.append(Data(text.utf8))
        case (.text(let text), _): bindings.append(text.postgresText)
        case (.blob(let bytes), .bytes): try bindings.append(Data(bytes))
        case (.blob(let bytes), _): bindings.append(String(decoding: bytes, as: UTF8.self).postgresText)
        }
    }

    private static func text(_ value: ArchiveValue) -> String {
        switch value {
        case .text(let text): text
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        default: ""
        }
    }
}
