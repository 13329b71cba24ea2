import CablewatchCore
import CablewatchPostgres
import CablewatchService
import CablewatchStore
import Foundation
import Testing

/// `migrate`'s edges: texts that PostgreSQL's `text` refuses, and a source archive that a daemon holds.
@Suite(.serialized) struct PostgresMigrationEdgeTests {
    /// A NUL in a cable's text arrives intact, and the copy is searched by the same words as the source.
    @Test(.enabled(if: PostgresTestServer.isInstalled, "the PostgreSQL server (Debian's postgresql) is not installed"))
    func aNULInACablesTextAndItsWordsMoveWithTheArchive() async throws {
        let directory = NSTemporaryDirectory() + "cablewatch-pg-nul-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sqlite = try ArchiveStore(path: directory + "/archive.sqlite3")
        let body = "1. (C) DS/DSS met\u{0}the CAFÉ owner."
        try await sqlite.commit(
            ArchiveFixture.write(ArchiveFixture.cable("06SEOUL1789", body: body), .insert), at: Date(), source: "s")
        try await sqlite.catchUpSearchIndex()

        try await PostgresTestServer.withDatabase { server in
            let target = try await PostgresArchive.open(server, mode: .readWrite, logger: quietLogger)
            do {
                let rows = try await target.importArchive(from: sqlite)
                #expect(rows["cable"] == 1 && rows["revision"] == 1 && rows["event"] == 1, "\(rows)")
                #expect(try await target.detail(referenceId: "06SEOUL1789", revision: nil)?.body == body)
                for query in ["dss", "met", "the", "cafe"] {
                    #expect(
                        try await target.search(query, limit: 10).map(\.referenceId) == ["06SEOUL1789"], "\(query)")
                    #expect(
                        try await sqlite.search(query, limit: 10).map(\.referenceId) == ["06SEOUL1789"], "\(query)")
                }
                let report = try await target.verify(hash: ArchiveFixture.sha256)
                #expect(report.isClean && report.revisionsChecked == 1, "\(report)")
            } catch {
                await target.close()
                throw error
            }
            await target.close()
        }
    }

    /// A source archive whose lock a daemon holds is refused before anything is copied.
    @Test(.enabled(if: PostgresTestServer.isInstalled, "the PostgreSQL server (Debian's postgresql) is not installed"))
    func aSourceADaemonIsWritingIsRefused() async throws {
        let directory = NSTemporaryDirectory() + "cablewatch-pg-locked-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let archivePath = directory + "/archive.sqlite3"
        let sqlite = try ArchiveStore(path: archivePath)
        try await sqlite.commit(
            ArchiveFixture.write(ArchiveFixture.cable("06SEOUL1789", body: "text"), .insert), at: Date(), source: "s")

        try await PostgresTestServer.withDatabase { server in
            let config = directory + "/pg.yaml"
            try """
            source:
              url: http://127.0.0.1:9
            storage:
              url: \(server.location)
            events:
              log: \(directory)/events.jsonl
            """.write(toFile: config, atomically: true, encoding: .utf8)
            let daemon = try ArchiveWriterLock(archivePath: archivePath)
            let refused = try await ProcessHarness.run(
                "cablewatch", ["migrate", "--config", config, "--from", archivePath])
            daemon.release()
            #expect(refused.status != 0, "\(refused.output)")
            #expect(refused.output.contains("is writing \(archivePath)"), "\(refused.output)")

            let target = try await PostgresArchive.open(server, mode: .readWrite, logger: quietLogger)
            let counts = try await target.rowCounts(of: sqlite)
            await target.close()
            #expect(counts.values.allSatisfy { $0 == 0 }, "nothing was copied: \(counts)")
        }
    }
}
