import CablewatchStore

/// The leader line of `status`: who polls, writes and delivers now (DESIGN.md, leadership).
enum LeaderDescription {
    static func text(_ leader: ArchiveLeader?) -> String {
        guard let leader else { return "none yet" }
        let who = "\(leader.node ?? "pid \(leader.pid)") (pid \(leader.pid)) since \(leader.since)"
        switch (leader.epoch, leader.active) {
        case (let epoch?, true): return "\(who), epoch \(epoch)"
        case (let epoch?, false): return "none now (epoch \(epoch) ended: \(who); a standby takes over)"
        case (nil, true): return "\(who), the only writer of this SQLite archive"
        case (nil, false): return "none (no daemon runs on this SQLite archive)"
        }
    }
}
