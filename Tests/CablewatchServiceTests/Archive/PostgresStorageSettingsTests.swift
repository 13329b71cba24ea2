import CablewatchPostgres
import CablewatchStore
import Foundation
import PostgresNIO
import Testing

/// The storage settings the PostgreSQL migrations give the revision table, read back from the server's catalogue:
/// they exist only for speed, so nothing else would notice them missing.
@Suite(.serialized) struct PostgresStorageSettingsTests {
    @Test(.enabled(if: PostgresTestServer.isInstalled, "the PostgreSQL server (Debian's postgresql) is not installed"))
    func revisionsStoreTheSearchVectorUncompressedAndTheirTextsWithLZ4() async throws {
        try await PostgresTestServer.withDatabase { server in
            let store = try await PostgresArchive.open(server, mode: .readWrite, logger: quietLogger)
            await store.close()
            let connection = try await server.testConnection()
            do {
                let storage = try await Self.strings(
                    """
                    SELECT attname::text || '=' || attstorage::text || '/' || attcompression::text FROM pg_attribute
                    WHERE attrelid = 'revision'::regclass AND attname IN ('search_vector', 'header', 'body', 'subject')
                    ORDER BY attname
                    """, on: connection)
                let offersLZ4 = try await Self.strings(
                    """
                    SELECT coalesce(bool_or('lz4' = ANY (enumvals)), false)::text FROM pg_settings
                    WHERE name = 'default_toast_compression'
                    """, on: connection)
                // Debian's server is built with LZ4; a server without it keeps the default compression ('').
                let text = offersLZ4 == ["true"] ? "l" : ""
                #expect(
                    storage == ["body=x/\(text)", "header=x/\(text)", "search_vector=e/", "subject=x/\(text)"],
                    "\(storage)")
                let options = try await Self.strings(
                    "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'revision_search'",
                    on: connection)
                #expect(options == ["gin_pending_list_limit=16384"])
            } catch {
                try? await connection.close()
                throw error
            }
            try await connection.close()
        }
    }

    /// The first column of every row of `sql`, as text.
    static func strings(_ sql: String, on connection: PostgresConnection) async throws -> [String] {
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: quietLogger).collect().map {
            try $0.decode(String.self)
        }
    }
}
