import CablewatchCore
import Foundation

/// Who leads the daemons that share an archive (DESIGN.md, leadership), as `status` shows it: on PostgreSQL the
/// `leadership` row and whether its advisory lock is held now; on SQLite the one daemon writing the file, which is
/// always the leader.
public struct ArchiveLeader: Sendable, Codable, Equatable {
    /// The fencing token of the current term (PostgreSQL); nil on SQLite, which needs none.
    public var epoch: Int64?
    /// `cluster.nodeName` of the leader (`hostname:pid` by default); nil when it was not recorded.
    public var node: String?
    public var pid: Int32
    /// When its term began (UTC, as `Timestamp` writes it).
    public var since: String
    /// Whether that process still holds the leadership now: false once it died or was cut off and no other has
    /// taken over yet.
    public var active: Bool

    public init(epoch: Int64?, node: String?, pid: Int32, since: String, active: Bool) {
        self.epoch = epoch
        self.node = node
        self.pid = pid
        self.since = since
        self.active = active
    }
}

extension ArchiveLeader {
    /// The daemon writing an SQLite archive, from its heartbeat: always the leader while it runs, as its file lock
    /// keeps any other writer out.
    public init(soleWriter heartbeat: DaemonHeartbeat, now: Date = Date()) {
        self.init(
            epoch: nil, node: heartbeat.node, pid: heartbeat.pid, since: Timestamp.string(from: heartbeat.startedAt),
            active: heartbeat.isAlive(at: now))
    }
}
