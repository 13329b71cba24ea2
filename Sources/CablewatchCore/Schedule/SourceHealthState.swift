import Foundation

/// What `SourceHealth` remembers between polls and across restarts (kept as JSON in the archive's `syncState`).
public struct SourceHealthState: Sendable, Codable, Equatable {
    /// Failed polls since the last success.
    public var consecutiveFailures: Int = 0
    /// When the current run of failures started.
    public var failingSince: Date?
    /// `source.unreachable` was emitted for the current run of failures.
    public var unreachableReported: Bool = false
    /// The last released count seen, and since when it has not moved.
    public var lastReleased: Int?
    public var releasedUnchangedSince: Date?
    /// `source.stale` was emitted for the current stale period.
    public var staleReported: Bool = false

    public init() {}
}
