import CablewatchCore
import GRDB

/// A row of the `revision` table (DESIGN.md §3): one distinct version of a cable, its text and hashes.
///
/// Its texts are `ExactText` (a NUL must survive), selected as blobs by `databaseSelection` and written by
/// `insert(_:)`, whose statement stores them as TEXT.
struct RevisionRow: Decodable, FetchableRecord, TableRecord {
    static let databaseTableName = "revision"
    static var databaseSelection: [any SQLSelectable] {
        [
            Columns.id, Columns.referenceId, Columns.number, ExactText.selection(Columns.header),
            ExactText.selection(Columns.body), Columns.contentSHA256, Columns.rawSHA256, Columns.whitespaceSHA256,
            Columns.released, Columns.fetchedAt, Columns.sourceBuild, ExactText.selection(Columns.subject),
        ]
    }

    /// The row id, which is also the revision's rowid in the search index; nil until inserted.
    var id: Int64?
    var referenceId: String
    var number: Int
    var header: ExactText
    var body: ExactText
    var contentSHA256: String
    var rawSHA256: String
    var whitespaceSHA256: String
    var released: String?
    var fetchedAt: String
    var sourceBuild: String?
    /// The cable's subject at this revision (indexed for search with the body).
    var subject: ExactText

    /// The table's columns, for the query interface.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let referenceId = Column(CodingKeys.referenceId)
        static let number = Column(CodingKeys.number)
        static let header = Column(CodingKeys.header)
        static let body = Column(CodingKeys.body)
        static let contentSHA256 = Column(CodingKeys.contentSHA256)
        static let rawSHA256 = Column(CodingKeys.rawSHA256)
        static let whitespaceSHA256 = Column(CodingKeys.whitespaceSHA256)
        static let released = Column(CodingKeys.released)
        static let fetchedAt = Column(CodingKeys.fetchedAt)
        static let sourceBuild = Column(CodingKeys.sourceBuild)
        static let subject = Column(CodingKeys.subject)
    }

    /// Revision `number` of the cable `write` fetched at `timestamp`.
    init(number: Int, of write: CableWrite, timestamp: String) {
        let page = write.page
        id = nil
        referenceId = page.referenceId
        self.number = number
        header = ExactText(page.header)
        body = ExactText(page.body)
        contentSHA256 = page.hashes.contentSHA256
        rawSHA256 = page.hashes.rawSHA256
        whitespaceSHA256 = page.hashes.whitespaceInsensitiveSHA256
        released = page.released
        fetchedAt = timestamp
        sourceBuild = nil
        subject = ExactText(write.subject)
    }

    /// The highest revision id (0 for an empty archive): revisions are only ever added, so also their count.
    static func lastId(_ db: Database) throws -> Int64 {
        try RevisionRow.select(max(Columns.id), as: Int64.self).fetchOne(db) ?? 0
    }

    /// Inserts the revision (the search index picks it up later, see `ArchiveStore+SearchIndex.swift`). GRDB's
    /// `insert` would bind the texts as blobs, which the STRICT TEXT columns refuse: this statement casts them.
    func insert(_ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO revision (referenceId, number, header, body, contentSHA256, rawSHA256, whitespaceSHA256,
                  released, fetchedAt, sourceBuild, subject)
                VALUES (?, ?, \(ExactText.placeholder), \(ExactText.placeholder), ?, ?, ?, ?, ?, ?,
                  \(ExactText.placeholder))
                """
        ).execute(arguments: [
            referenceId, number, header, body, contentSHA256, rawSHA256, whitespaceSHA256, released, fetchedAt,
            sourceBuild, subject,
        ])
    }

    /// The canonical text the content hash covers.
    var canonicalText: String { header.string + "\n\n" + body.string }

    /// The revision as `history` lists it.
    var summary: RevisionSummary {
        RevisionSummary(
            number: number, contentSHA256: contentSHA256, whitespaceSHA256: whitespaceSHA256, rawSHA256: rawSHA256,
            released: released, fetchedAt: fetchedAt)
    }
}
