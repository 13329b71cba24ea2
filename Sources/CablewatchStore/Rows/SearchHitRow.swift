import GRDB

/// A full-text search hit as the FTS5 query selects it.
struct SearchHitRow: Decodable, FetchableRecord {
    var referenceId: String
    var subject: String
    var snippet: String

    var hit: SearchHit { SearchHit(referenceId: referenceId, subject: subject, snippet: snippet) }
}
