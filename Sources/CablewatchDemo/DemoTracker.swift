import Synchronization

/// What the demo's pieces tell each other while it runs: whether the baseline is done, how many polls have
/// succeeded (so the publisher knows when the last build has been seen) and how many alerts arrived. Thread-safe.
final class DemoTracker: Sendable {
    /// A copy of the shared figures.
    struct Values: Sendable {
        var polls = 0
        var successfulPolls = 0
        var baselineDone = false
        /// When the last poll finished.
        var lastPollEndedAt: ContinuousClock.Instant?
        var alertsVerified = 0
        var alertsRejected = 0
    }

    private let values = Mutex(Values())

    var snapshot: Values { values.withLock { $0 } }

    /// Records a finished poll; returns whether it was the first successful one (the baseline).
    func recordPoll(succeeded: Bool) -> Bool {
        values.withLock { values in
            values.polls += 1
            values.lastPollEndedAt = .now
            guard succeeded else { return false }
            values.successfulPolls += 1
            defer { values.baselineDone = true }
            return !values.baselineDone
        }
    }

    func recordAlert(verified: Bool) {
        values.withLock { values in
            if verified { values.alertsVerified += 1 } else { values.alertsRejected += 1 }
        }
    }
}
