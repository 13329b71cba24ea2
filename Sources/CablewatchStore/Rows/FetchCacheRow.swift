import CablewatchCore
import GRDB

/// A row of the `fetchCache` table (DESIGN.md §3): the conditional-GET validators and body hash of one URL.
struct FetchCacheRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "fetchCache"

    var url: String
    var etag: String?
    var lastModified: String?
    var bodySHA256: String?
    var fetchedAt: String

    init(_ entry: FetchCacheEntry, fetchedAt: String) {
        url = entry.url
        etag = entry.etag
        lastModified = entry.lastModified
        bodySHA256 = entry.bodySHA256
        self.fetchedAt = fetchedAt
    }

    var entry: FetchCacheEntry {
        FetchCacheEntry(url: url, etag: etag, lastModified: lastModified, bodySHA256: bodySHA256)
    }
}
