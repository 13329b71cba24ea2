import Synchronization

/// The fencing token a PostgreSQL archive writes under (DESIGN.md, leadership): the epoch this process took with the
/// leadership, or none while it is a standby. `PostgresArchive` checks it against the `leadership` row inside every
/// write transaction, so a leader whose term ended (paused, cut off, its lock session gone) cannot write any more,
/// even before it has noticed.
public final class PostgresFence: Sendable {
    private let term: Mutex<Int64?>

    /// A fence with no term yet: every write is refused until `begin` is called.
    public init() {
        term = Mutex(nil)
    }

    /// The epoch writes are made under, nil while this process does not lead.
    public var epoch: Int64? { term.withLock { $0 } }

    /// Starts a term: writes from now on must find `epoch` in the `leadership` row.
    public func begin(_ epoch: Int64) {
        term.withLock { $0 = epoch }
    }

    /// Ends the term: every write is refused again, whatever the database says.
    public func end() {
        term.withLock { $0 = nil }
    }
}
