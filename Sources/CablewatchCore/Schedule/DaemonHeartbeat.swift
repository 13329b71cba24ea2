import Foundation

/// The daemon's liveness record in the archive (`syncState` key `daemon.heartbeat`): who runs, since when, when it
/// last proved the scheduler and the database work, and whether it stopped cleanly.
public struct DaemonHeartbeat: Sendable, Codable, Equatable {
    public static let syncStateKey = "daemon.heartbeat"

    public var pid: Int32
    public var startedAt: Date
    public var heartbeatAt: Date
    public var lastPollAt: Date?
    /// The poll interval in force, in seconds (the liveness rule scales with it).
    public var intervalSeconds: Double
    /// Set when the daemon stopped cleanly.
    public var stoppedAt: Date?
    /// The daemon's `cluster.nodeName` (`hostname:pid` by default); nil in records written before it was kept.
    public var node: String?

    public init(
        pid: Int32, startedAt: Date, heartbeatAt: Date, lastPollAt: Date? = nil, intervalSeconds: Double,
        stoppedAt: Date? = nil, node: String? = nil
    ) {
        self.node = node
        self.pid = pid
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.lastPollAt = lastPollAt
        self.intervalSeconds = intervalSeconds
        self.stoppedAt = stoppedAt
    }

    /// A heartbeat older than this means the daemon is not running: 3 × the poll interval, at least 10 s.
    public var maximumAge: TimeInterval { max(3 * intervalSeconds, 10) }

    /// Whether the record shows a live daemon at `now`.
    public func isAlive(at now: Date) -> Bool {
        stoppedAt == nil && now.timeIntervalSince(heartbeatAt) <= maximumAge
    }
}
