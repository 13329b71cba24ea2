import CablewatchCore
import GRDB

/// Figures the daemon reports after every poll (systemd `STATUS=`) and on `/metrics`, read in one snapshot.
public struct DaemonSnapshot: Sendable, Equatable {
    public var released: Int?
    public var total: Int?
    /// Cables in the archive that are not removed.
    public var archived: Int
    /// Webhook deliveries neither delivered nor given up on.
    public var pendingDeliveries: Int
    /// Creation time of the oldest event with a pending delivery.
    public var oldestPendingCreatedAt: String?
    /// Committed events by type.
    public var eventsByType: [String: Int]

    /// Creates the record from its values (public for the PostgreSQL archive, in this package).
    package init(
        released: Int? = nil, total: Int? = nil, archived: Int, pendingDeliveries: Int,
        oldestPendingCreatedAt: String? = nil, eventsByType: [String: Int]
    ) {
        self.released = released
        self.total = total
        self.archived = archived
        self.pendingDeliveries = pendingDeliveries
        self.oldestPendingCreatedAt = oldestPendingCreatedAt
        self.eventsByType = eventsByType
    }
}

extension ArchiveStore {
    /// Reads the daemon's report figures in one read transaction.
    ///
    /// Counting the archive's cables and events scans indexes whose size grows with the archive, which on a large
    /// archive costs more than the rest of an idle cycle. After a poll that changed nothing, pass the previous
    /// snapshot as `unchangedArchive`: its cable count and event counts are kept and only the counter and the
    /// delivery backlog (which the delivery service moves on its own) are read.
    public func daemonSnapshot(unchangedArchive previous: DaemonSnapshot? = nil) async throws(StoreError)
        -> DaemonSnapshot
    {
        try await read("daemon snapshot") { db in
            let counter = try CounterObservationRow.latest(db)
            let pending = DeliveryRow.filter(
                DeliveryRow.Columns.deliveredAt == nil && DeliveryRow.Columns.failedAt == nil)
            let pendingCount = try pending.fetchCount(db)
            let pendingSeqs = pending.select(DeliveryRow.Columns.eventSeq)
            let oldestPending = try EventRow.filter(pendingSeqs.contains(EventRow.Columns.seq))
                .select(min(EventRow.Columns.createdAt), as: String.self).fetchOne(db)
            let archived: Int
            var byType: [String: Int] = [:]
            if let previous {
                archived = previous.archived
                byType = previous.eventsByType
            } else {
                archived = try CableRow.active.fetchCount(db)
                for count in try EventTypeCount.all.fetchAll(db) {
                    byType[count.type] = count.count
                }
            }
            return DaemonSnapshot(
                released: counter?.released, total: counter?.total, archived: archived,
                pendingDeliveries: pendingCount, oldestPendingCreatedAt: oldestPending,
                eventsByType: byType)
        }
    }
}
