import CablewatchCore
import GRDB

/// A row of the `releaseDay` table (DESIGN.md §3): how far the listing of one release day has been walked.
struct ReleaseDayRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "releaseDay"

    var key: String
    var lastPage: Int
    var rows: Int
    var complete: Bool
    var walkedAt: String

    init(_ state: ReleaseDayState, walkedAt: String) {
        key = state.key
        lastPage = state.lastPage
        rows = state.rows
        complete = state.complete
        self.walkedAt = walkedAt
    }

    var state: ReleaseDayState { ReleaseDayState(key: key, lastPage: lastPage, rows: rows, complete: complete) }
}
