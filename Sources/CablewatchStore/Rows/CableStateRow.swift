import CablewatchCore
import GRDB

/// A cable with its current revision's whitespace-insensitive hash: what the sync planner compares a fetch with.
struct CableStateRow: Decodable, FetchableRecord {
    var cable: CableRow
    var whitespaceSHA256: String

    /// The cables among `referenceIds` with their current revision's hash (the texts stay unread).
    static func request(_ referenceIds: [String]) -> QueryInterfaceRequest<CableStateRow> {
        let cable = TableAlias<CableRow>()
        let currentRevision = CableRow.revisions
            .filter(RevisionRow.Columns.number == cable[CableRow.Columns.currentRevision])
            .select(RevisionRow.Columns.whitespaceSHA256)
        return CableRow.aliased(cable)
            .filter(keys: referenceIds)
            .annotated(withRequired: currentRevision)
            .asRequest(of: CableStateRow.self)
    }

    var state: ArchivedCableState {
        ArchivedCableState(
            referenceId: cable.referenceId, revision: cable.currentRevision, contentSHA256: cable.contentSHA256,
            whitespaceSHA256: whitespaceSHA256, listedReleased: cable.listedReleased, removed: cable.removedAt != nil,
            url: cable.url)
    }
}
