import CablewatchCore
import CablewatchPostgres
import CablewatchStore
import Foundation
import PostgresNIO
import Testing

/// `verify` on PostgreSQL has the server check its own tables and indexes with `amcheck` when the database has the
/// extension, says so when it does not, and reports what the checks find.
@Suite(.serialized) struct PostgresIntegrityTests {
    @Test(.enabled(if: PostgresTestServer.isInstalled, "the PostgreSQL server (Debian's postgresql) is not installed"))
    func verifyRunsAmcheckWhenTheDatabaseHasItAndReportsWhatItFinds() async throws {
        try await PostgresTestServer.withDatabase { server in
            let store = try await PostgresArchive.open(server, mode: .readWrite, logger: quietLogger)
            let connection = try await server.testConnection()
            do {
                for number in 0..<20 {
                    let cable = ArchiveFixture.cable(String(format: "07CHECK%03d", number), body: "text \(number)")
                    try await store.commit(ArchiveFixture.write(cable, .insert), at: Date(), source: "s")
                }
                let without = try await store.verify(hash: ArchiveFixture.sha256)
                #expect(!without.integrityChecked && without.isClean, "\(without)")
                #expect(without.integrity.contains("amcheck extension is not installed"), "\(without.integrity)")

                try await connection.query("CREATE EXTENSION amcheck", logger: quietLogger)
                let checked = try await store.verify(hash: ArchiveFixture.sha256)
                #expect(checked.integrityChecked && checked.integrity == "ok" && checked.isClean, "\(checked)")

                // An index that no longer matches its table: its "immutable" function changed after it was built,
                // so bt_index_check finds rows that the index lacks.
                for statement in [
                    "CREATE FUNCTION shifted(text) RETURNS text IMMUTABLE LANGUAGE sql AS 'SELECT $1'",
                    "CREATE INDEX cable_shifted ON cable (shifted(reference_id))",
                    "CREATE OR REPLACE FUNCTION shifted(text) RETURNS text IMMUTABLE LANGUAGE sql AS 'SELECT $1 || ''x'''",
                ] {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: quietLogger)
                }
                let broken = try await store.verify(hash: ArchiveFixture.sha256)
                #expect(broken.integrityChecked && !broken.isClean, "\(broken)")
                #expect(broken.integrity.contains("cable_shifted"), "\(broken.integrity)")
            } catch {
                try? await connection.close()
                await store.close()
                throw error
            }
            try await connection.close()
            await store.close()
        }
    }

    /// A user who may read the archive but not run amcheck's functions (PostgreSQL revokes them from PUBLIC) gets
    /// "not checked", and a clean verify.
    @Test(.enabled(if: PostgresTestServer.isInstalled, "the PostgreSQL server (Debian's postgresql) is not installed"))
    func aUserWhoMayNotRunAmcheckGetsNotChecked() async throws {
        try await PostgresTestServer.withDatabase { server in
            let store = try await PostgresArchive.open(server, mode: .readWrite, logger: quietLogger)
            try await store.commit(
                ArchiveFixture.write(ArchiveFixture.cable("07CHECK001", body: "text"), .insert), at: Date(), source: "s"
            )
            await store.close()
            let connection = try await server.testConnection()
            do {
                for statement in [
                    "CREATE EXTENSION amcheck", "CREATE ROLE reader LOGIN",
                    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader",
                ] {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: quietLogger)
                }
            } catch {
                try? await connection.close()
                throw error
            }
            try await connection.close()
            var asReader = server
            asReader.username = "reader"
            let reader = try await PostgresArchive.open(asReader, mode: .readOnly, logger: quietLogger)
            let report = try await reader.verify(hash: ArchiveFixture.sha256)
            await reader.close()
            #expect(!report.integrityChecked && report.isClean && report.revisionsChecked == 1, "\(report)")
            #expect(report.integrity.hasPrefix("not checked (this user may not run amcheck"), "\(report.integrity)")
        }
    }
}
