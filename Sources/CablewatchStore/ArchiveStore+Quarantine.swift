import CablewatchCore
import GRDB

/// The pages set aside because they could not be fetched or parsed (DESIGN.md §3.1).
extension ArchiveStore {
    /// Every quarantined page, oldest first.
    public func quarantinedPages() async throws(StoreError) -> [QuarantinedPage] {
        try await read("read quarantine") { db in try QuarantineRow.oldestFirst.fetchAll(db).map(\.page) }
    }
}
