import Foundation
import Testing

/// `cablewatch migrate --from`: an SQLite archive with events and deliveries, copied into an empty PostgreSQL
/// database, reads back identically, verifies on both sides and goes on being polled from where it stopped.
@Suite(.serialized) struct PostgresMigrationTests {
    @Test(.enabled(if: PostgresTestServer.isInstalled, "the PostgreSQL server (Debian's postgresql) is not installed"))
    func anSQLiteArchiveMovesToPostgreSQLWithItsChainAndOutboxIntact() async throws {
        try await PostgresTestServer.withDatabase { server in
            let directory = NSTemporaryDirectory() + "cablewatch-pg-migrate-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let (simulator, baseURL) = try await ProcessHarness.startSimulator(
                ["--cables", "150", "--seed", "23", "--builds", "4"], directory: directory)
            defer { simulator.terminate() }
            // Nothing listens on port 9: every delivery fails and stays in the outbox with its attempts.
            let webhooks = """
                webhooks:
                  - name: ops
                    url: http://127.0.0.1:9/hook
                    secret: \(DeliveryFixture.secret.encoded)
                """
            let sqlite = try ProcessHarness.writeConfiguration(
                directory: directory, sourceURL: baseURL, revalidate: "0s", webhooks: webhooks)
            let archivePath = directory + "/archive.sqlite3"
            let pg = directory + "/pg.yaml"
            try """
            source:
              url: \(baseURL)
            poll:
              revalidate: 0s
            http:
              perHostDelay: 0s
              concurrency: 4
            storage:
              url: \(server.location)
            events:
              log: \(directory)/events.jsonl
            \(webhooks)
            """.write(toFile: pg, atomically: true, encoding: .utf8)
            func cablewatch(_ config: String, _ arguments: String...) async throws -> (status: Int32, output: String) {
                try await ProcessHarness.run("cablewatch", [arguments[0], "--config", config] + arguments.dropFirst())
            }

            for build in 0..<3 {
                let poll = try await cablewatch(sqlite, "poll")
                #expect(poll.status == 0, "build \(build): \(poll.output)")
                _ = try await ProcessHarness.curl(baseURL + "/_sim/advance", method: "POST")
            }
            let refusedSource = try await cablewatch(sqlite, "migrate", "--from", archivePath)
            #expect(refusedSource.status != 0)
            #expect(refusedSource.output.contains("storage.url"), "\(refusedSource.output)")

            let migrate = try await cablewatch(pg, "migrate", "--from", archivePath, "--json")
            #expect(migrate.status == 0, "\(migrate.output)")
            let report = try JSONSerialization.jsonObject(with: Data(migrate.output.utf8)) as? [String: Any]
            let rows = report?["rows"] as? [String: Int] ?? [:]
            #expect(rows["cable"] ?? 0 > 40, "\(migrate.output)")
            #expect(rows["event"] ?? 0 > 40)
            #expect(rows["revision"] ?? 0 >= rows["cable"] ?? 0)
            #expect(rows["delivery"] ?? 0 > 0, "the outbox came along")
            #expect(rows["deliveryAttempt"] ?? 0 > 0)

            for config in [sqlite, pg] {
                let verify = try await cablewatch(config, "verify")
                #expect(verify.status == 0 && verify.output.contains("clean"), "\(config): \(verify.output)")
            }
            for arguments in [
                ["export", "--format", "jsonl"], ["export", "--format", "csv"], ["events", "--json"],
                ["deliveries", "--json"], ["list", "--limit", "1000", "--json"],
            ] {
                let onSQLite = try await ProcessHarness.run(
                    "cablewatch", [arguments[0], "--config", sqlite] + arguments.dropFirst())
                let onPostgres = try await ProcessHarness.run(
                    "cablewatch", [arguments[0], "--config", pg] + arguments.dropFirst())
                #expect(onSQLite.status == 0 && onPostgres.status == 0, "\(arguments): \(onPostgres.output)")
                #expect(onSQLite.output.count > 100, "\(arguments)")
                #expect(onPostgres.output == onSQLite.output, "\(arguments) differs after the copy")
            }

            let again = try await cablewatch(pg, "migrate", "--from", archivePath)
            #expect(again.status != 0)
            #expect(again.output.contains("already holds rows"), "\(again.output)")

            // The copy goes on as the archive: the next build's events continue the chain, seqs without a gap.
            let lastSeq = try Self.lastSeq(try await cablewatch(pg, "status", "--json").output)
            let poll = try await cablewatch(pg, "poll")
            #expect(poll.status == 0, "\(poll.output)")
            let events = try await cablewatch(pg, "events", "--json")
            let seqs = try Self.seqs(events.output)
            #expect(seqs.count > lastSeq, "the new build added events")
            #expect(seqs == Array(1...(seqs.last ?? 0)), "seqs unique and gap-free")
            let verify = try await cablewatch(pg, "verify")
            #expect(verify.status == 0 && verify.output.contains("clean"), "\(verify.output)")
        }
    }

    static func lastSeq(_ statusJSON: String) throws -> Int {
        let status = try JSONSerialization.jsonObject(with: Data(statusJSON.utf8)) as? [String: Any]
        return (status?["events"] as? [String: Any])?["lastSeq"] as? Int ?? 0
    }

    static func seqs(_ eventsJSON: String) throws -> [Int] {
        try eventsJSON.split(separator: "\n").compactMap { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["seq"] as? Int
        }.sorted()
    }
}
