import Foundation

/// The verdict `cablewatch status` gives, and its exit code (0 ok, 1 degraded, 2 failing).
///
/// The rule: if the archive has ever had a daemon heartbeat (daemon mode), a missing, stale (older than
/// 3 × interval, at least 10 s) or cleanly stopped heartbeat is `failing` — the daemon is not running. Without any
/// heartbeat (CLI-only `cablewatch poll` usage) liveness is not judged. Then, in both modes: never polled, or at
/// least `failuresBeforeAlert` consecutive failed polls, is `failing`; fewer failures, or webhook deliveries that
/// failed for good, is `degraded`; else `ok`. Markup the parser does not know is `failing` at once, and a counter
/// above what the listings hold, or a page in quarantine, is at least `degraded` (`SourceProblems`, `QuarantinedPage`).
public enum ServiceHealthVerdict: String, Sendable, Codable {
    case ok
    case degraded
    case failing

    /// Judges the archive's state at `now`.
    public init(
        hasPolled: Bool, consecutiveFailures: Int, failuresBeforeAlert: Int, heartbeat: DaemonHeartbeat?, now: Date,
        failedDeliveries: Int = 0, problems: SourceProblems = SourceProblems(), quarantinedPages: Int = 0
    ) {
        if let heartbeat, !heartbeat.isAlive(at: now) {
            self = .failing
        } else if !hasPolled || consecutiveFailures >= max(1, failuresBeforeAlert) || problems.unrecognisedMarkup != nil
        {
            self = .failing
        } else if consecutiveFailures > 0 || failedDeliveries > 0 || problems.countAboveListings != nil
            || quarantinedPages > 0
        {
            self = .degraded
        } else {
            self = .ok
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .ok: 0
        case .degraded: 1
        case .failing: 2
        }
    }
}
