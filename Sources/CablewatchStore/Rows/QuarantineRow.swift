import CablewatchCore
import GRDB

/// A row of the `quarantine` table (DESIGN.md §3): a page set aside because it could not be fetched or parsed.
struct QuarantineRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "quarantine"

    var url: String
    /// `listing` or `cable`.
    var kind: String
    var referenceId: String?
    var listedReleased: String?
    /// `unfetchable` or `unparseable`.
    var problem: String
    var reason: String
    var firstSeenAt: String
    var lastSeenAt: String
    var attempts: Int
    var nextAttemptAt: String

    /// The table's columns, for the query interface.
    enum Columns {
        static let url = Column(CodingKeys.url)
        static let firstSeenAt = Column(CodingKeys.firstSeenAt)
    }

    /// The pages, oldest first.
    static let oldestFirst = QuarantineRow.order(Columns.firstSeenAt, Columns.url)

    init(_ page: QuarantinedPage) {
        url = page.url
        kind = page.kind.rawValue
        referenceId = page.referenceId
        listedReleased = page.listedReleased
        problem = page.problem.rawValue
        reason = page.reason
        firstSeenAt = page.firstSeenAt
        lastSeenAt = page.lastSeenAt
        attempts = page.attempts
        nextAttemptAt = page.nextAttemptAt
    }

    /// Inserts the page, or updates the one already set aside at its URL, which keeps its first sighting.
    func upsertKeepingFirstSeen(_ db: Database) throws {
        _ = try upsertAndFetch(db) { _ in [Columns.firstSeenAt.noOverwrite] }
    }

    var page: QuarantinedPage {
        QuarantinedPage(
            url: url, kind: QuarantinedPage.Kind(rawValue: kind) ?? .cable, referenceId: referenceId,
            listedReleased: listedReleased, problem: QuarantinedPage.Problem(rawValue: problem) ?? .unfetchable,
            reason: reason, firstSeenAt: firstSeenAt, lastSeenAt: lastSeenAt, attempts: attempts,
            nextAttemptAt: nextAttemptAt)
    }
}
