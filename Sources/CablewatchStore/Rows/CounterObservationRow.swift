import CablewatchCore
import GRDB

/// A row of the `counterObservation` table (DESIGN.md §3): the source's released/total counter when it changed.
struct CounterObservationRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "counterObservation"

    /// Nil until inserted; observations are ordered by it.
    var id: Int64?
    var observedAt: String
    var released: Int
    var total: Int

    /// The table's columns, for the query interface.
    enum Columns {
        static let id = Column(CodingKeys.id)
    }

    init(_ counter: ReleaseCounter, observedAt: String) {
        id = nil
        self.observedAt = observedAt
        released = counter.released
        total = counter.total
    }

    /// The latest observation, nil before the first.
    static func latest(_ db: Database) throws -> CounterObservationRow? {
        try CounterObservationRow.order(Columns.id.desc).fetchOne(db)
    }

    var counter: ReleaseCounter { ReleaseCounter(released: released, total: total) }
}
