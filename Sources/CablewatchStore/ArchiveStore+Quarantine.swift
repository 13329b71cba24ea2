import CablewatchCore
import GRDB

/// The pages set aside because they could not be fetched or parsed (DESIGN.md §3.1).
extension ArchiveStore {
    /// Every quarantined page, oldest first.
    public func quarantinedPages() async throws(StoreError) -> [QuarantinedPage] {
        try await read("read quarantine") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM quarantine ORDER BY firstSeenAt, url").map(Self.quarantinedPage)
        }
    }

    static func quarantinedPage(_ row: Row) -> QuarantinedPage {
        QuarantinedPage(
            url: row["url"], kind: QuarantinedPage.Kind(rawValue: row["kind"]) ?? .cable,
            referenceId: row["referenceId"], listedReleased: row["listedReleased"],
            problem: QuarantinedPage.Problem(rawValue: row["problem"]) ?? .unfetchable, reason: row["reason"],
            firstSeenAt: row["firstSeenAt"], lastSeenAt: row["lastSeenAt"], attempts: row["attempts"],
            nextAttemptAt: row["nextAttemptAt"])
    }

    static func upsert(_ page: QuarantinedPage, db: Database) throws {
        try db.executeCached(
            sql: """
                INSERT INTO quarantine (url, kind, referenceId, listedReleased, problem, reason, firstSeenAt,
                  lastSeenAt, attempts, nextAttemptAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (url) DO UPDATE SET kind = excluded.kind, referenceId = excluded.referenceId,
                  listedReleased = excluded.listedReleased, problem = excluded.problem, reason = excluded.reason,
                  lastSeenAt = excluded.lastSeenAt, attempts = excluded.attempts,
                  nextAttemptAt = excluded.nextAttemptAt
                """,
            arguments: [
                page.url, page.kind.rawValue, page.referenceId, page.listedReleased, page.problem.rawValue,
                page.reason, page.firstSeenAt, page.lastSeenAt, page.attempts, page.nextAttemptAt,
            ])
    }
}
