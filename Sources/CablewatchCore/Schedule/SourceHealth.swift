import Foundation

/// Decides the source-health events from poll outcomes: a value-type state machine with the clock passed in.
///
/// - `source.unreachable` exactly once, when `failuresBeforeAlert` consecutive polls have failed;
/// - `source.recovered` once, on the first success after that;
/// - `source.stale` once per stale period, when the released counter has not moved for `staleAfter` (zero = off).
public struct SourceHealth: Sendable, Equatable {
    public var state: SourceHealthState
    /// Consecutive failures before `source.unreachable` (≥ 1).
    public var failuresBeforeAlert: Int
    /// No new release for this long is `source.stale`; zero turns it off.
    public var staleAfter: Duration

    public init(state: SourceHealthState = .init(), failuresBeforeAlert: Int, staleAfter: Duration) {
        self.state = state
        self.failuresBeforeAlert = max(1, failuresBeforeAlert)
        self.staleAfter = staleAfter
    }

    /// Records a failed poll; returns `source.unreachable` when this failure crosses the threshold.
    public mutating func recordFailure(error: String, at now: Date) -> [PendingEvent] {
        state.consecutiveFailures += 1
        if state.failingSince == nil { state.failingSince = now }
        guard !state.unreachableReported, state.consecutiveFailures >= failuresBeforeAlert else { return [] }
        state.unreachableReported = true
        let data = SourceHealthData(
            error: error, since: Timestamp.string(from: state.failingSince ?? now),
            consecutiveFailures: state.consecutiveFailures)
        return [PendingEvent(.sourceUnreachable, data)]
    }

    /// Records a successful poll that saw `released` (nil when the poll did not read the counter); returns
    /// `source.recovered` and/or `source.stale` when due.
    public mutating func recordSuccess(released: Int?, at now: Date) -> [PendingEvent] {
        var events: [PendingEvent] = []
        if state.unreachableReported {
            let data = SourceHealthData(
                error: nil, since: Timestamp.string(from: state.failingSince ?? now),
                consecutiveFailures: state.consecutiveFailures)
            events.append(PendingEvent(.sourceRecovered, data))
        }
        state.consecutiveFailures = 0
        state.failingSince = nil
        state.unreachableReported = false

        if let released, released != state.lastReleased {
            state.lastReleased = released
            state.releasedUnchangedSince = now
            state.staleReported = false
        } else if state.releasedUnchangedSince == nil {
            state.releasedUnchangedSince = now
        }
        if staleAfter > .zero, !state.staleReported, let since = state.releasedUnchangedSince,
            now.timeIntervalSince(since) >= staleAfter.timeInterval
        {
            state.staleReported = true
            events.append(
                PendingEvent(.sourceStale, SourceHealthData(error: nil, since: Timestamp.string(from: since))))
        }
        return events
    }
}
