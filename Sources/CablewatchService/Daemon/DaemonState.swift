import CablewatchFetch
import Foundation
import Synchronization

/// What the daemon's services share while it runs: the configuration in force (replaced on SIGHUP), the
/// scheduler's progress (for the watchdog), and the last poll's figures (for `STATUS=`, the heartbeat and metrics).
/// Thread-safe: the metrics server reads it from its own loop.
public final class DaemonState: Sendable {
    /// A copy of the shared values.
    public struct Values: Sendable {
        public var configuration: CablewatchConfiguration
        public var startedAt: Date
        /// Leader or standby (`/metrics`, `STATUS=`).
        public var role: DaemonRole = .leader
        /// Last time the scheduler loop stepped (woke, or a poll progressed).
        public var schedulerTick: ContinuousClock.Instant
        /// Set while the scheduler waits for the next poll, to the time it is due.
        public var sleepingUntil: ContinuousClock.Instant?
        /// Set while a poll runs.
        public var pollStartedAt: ContinuousClock.Instant?
        public var lastPollAt: Date?
        public var lastPollOutcome: String?
        public var lastPollDuration: Duration?
        public var lastSuccessAt: Date?
        public var consecutiveFailures: Int = 0
        public var pollsByOutcome: [String: Int] = [:]
        public var fetchStatistics = FetchStatistics()
    }

    private let values: Mutex<Values>

    public init(configuration: CablewatchConfiguration, startedAt: Date = Date(), role: DaemonRole = .leader) {
        values = Mutex(
            Values(
                configuration: configuration, startedAt: startedAt, role: role, schedulerTick: ContinuousClock.now))
    }

    /// A copy of everything.
    public var snapshot: Values { values.withLock { $0 } }

    /// The configuration in force (the poll loop also gets each reload pushed to it).
    public var configuration: CablewatchConfiguration {
        values.withLock { $0.configuration }
    }

    /// Changes the shared values.
    public func update(_ body: (inout Values) -> Void) {
        values.withLock { body(&$0) }
    }

    /// Installs a reloaded configuration.
    public func replaceConfiguration(_ configuration: CablewatchConfiguration) {
        values.withLock { $0.configuration = configuration }
    }

    /// The scheduler is advancing: sleeping and waking on time, or inside a poll that has not overrun its limit.
    public func schedulerIsAdvancing(now: ContinuousClock.Instant = .now) -> Bool {
        values.withLock { values in
            if let started = values.pollStartedAt {
                return now - started <= values.configuration.poll.timeout + .seconds(30)
            }
            // The loop sleeps until the poll is due without waking in between.
            if let due = values.sleepingUntil {
                return now <= due + .seconds(5)
            }
            return now - values.schedulerTick <= .seconds(5)
        }
    }
}
