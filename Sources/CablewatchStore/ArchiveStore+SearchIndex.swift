import GRDB

/// The search index: FTS5 over each cable's current revision, as external content (the text is stored once, in
/// `revision`). It is derived data, indexed behind a watermark (`search.indexedThrough`, the highest revision id
/// it has considered) with one `INSERT … SELECT` over `searchIndexBatch` new revisions, by the commit whose
/// revisions fill a batch, and over whatever is left by the catch-up at the end of every cycle.
/// Indexing and moving the watermark share one transaction, so a crash leaves either both or neither.
extension ArchiveStore {
    /// The `syncState` key of the search watermark.
    static let searchWatermarkKey = "search.indexedThrough"

    /// Revisions indexed per transaction: by a commit once the backlog holds a full batch, and per catch-up step.
    /// FTS5 turns each transaction's text into segments and rewrites them as it merges them: large batches make
    /// fewer segments, and so far fewer rewrites, than indexing a backfill's few hundred revisions per commit.
    static let searchIndexBatch: Int64 = 4096

    /// Revisions committed but not yet considered by the search index.
    public func searchIndexBacklog() async throws(StoreError) -> Int64 {
        try await read("read search backlog") { db in try Self.searchBacklog(db) }
    }

    /// Brings the search index up to date, one batch per transaction. Returns the revisions considered.
    @discardableResult
    public func catchUpSearchIndex() async throws(StoreError) -> Int64 {
        var considered: Int64 = 0
        while try await searchIndexBacklog() > 0 {
            considered += try await write("index text") { db in
                try Self.indexPendingText(limit: Self.searchIndexBatch, db: db)
            }
        }
        return considered
    }

    static func searchWatermark(_ db: Database) throws -> Int64 {
        try SyncStateRow.value(forKey: searchWatermarkKey, db).flatMap { Int64($0) } ?? 0
    }

    static func searchBacklog(_ db: Database) throws -> Int64 {
        max(0, try RevisionRow.lastId(db) - (try searchWatermark(db)))
    }

    /// Indexes the current revisions among the next `limit` revision ids past the watermark, and moves it; with
    /// `onlyAFullBatch`, nothing until `limit` revisions wait.
    static func indexPendingText(limit: Int64, onlyAFullBatch: Bool = false, db: Database) throws -> Int64 {
        let from = try searchWatermark(db)
        let last = try RevisionRow.lastId(db)
        guard last > from, !onlyAFullBatch || last - from >= limit else { return 0 }
        let through = min(last, from + limit)
        try db.execute(
            sql: """
                INSERT INTO revisionText (rowid, subject, body)
                SELECT r.id, r.subject, r.body FROM revision r JOIN cable c
                  ON c.referenceId = r.referenceId AND c.currentRevision = r.number
                WHERE r.id > ? AND r.id <= ?
                """, arguments: [from, through])
        try SyncStateRow.set(String(through), forKey: searchWatermarkKey, db)
        return through - from
    }

    /// Takes a cable's current revision out of the index before a newer one replaces it — if the index already
    /// holds it (its id is at or below the watermark). An external-content delete must repeat the indexed values:
    /// revisions are never updated, so the row itself still holds them.
    static func unindexCurrentRevision(of referenceId: String, db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO revisionText (revisionText, rowid, subject, body)
                SELECT 'delete', r.id, r.subject, r.body FROM cable c JOIN revision r
                  ON r.referenceId = c.referenceId AND r.number = c.currentRevision
                WHERE c.referenceId = ? AND r.id <= ?
                """, arguments: [referenceId, try searchWatermark(db)])
    }
}
