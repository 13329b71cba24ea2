/// Whether this daemon polls, writes and delivers (the leader) or waits to take over (a standby). A daemon on an
/// SQLite archive is always the leader: its file lock keeps any other writer out.
public enum DaemonRole: String, Sendable {
    case leader
    case standby
}
