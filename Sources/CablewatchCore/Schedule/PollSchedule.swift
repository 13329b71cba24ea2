/// When the next poll happens: a value-type state machine with the random source injected.
///
/// - After a success: `interval` ± `jitter` × `interval`, uniformly.
/// - After a failure: exponential backoff from `backoffBase` (30 s) doubling per consecutive failure, capped at
///   4 × `interval`, with full jitter (uniform between zero and that ceiling).
/// - A delay the source asks for (Retry-After, Cache-Control max-age) stretches the delay, never shortens it; it is
///   itself capped at `maximumSourceDelay` so a hostile header cannot park the poller for a year.
public struct PollSchedule: Sendable, Equatable {
    /// Time between polls while the source answers.
    public var interval: Duration
    /// ± fraction of `interval` (0…0.5).
    public var jitter: Double
    /// First backoff step after a failure.
    public var backoffBase: Duration
    /// Longest delay a source header can impose.
    public var maximumSourceDelay: Duration
    /// Failed polls since the last success.
    public private(set) var consecutiveFailures: Int = 0

    public init(
        interval: Duration, jitter: Double, backoffBase: Duration = .seconds(30),
        maximumSourceDelay: Duration = .seconds(24 * 3600)
    ) {
        self.interval = interval
        self.jitter = min(max(jitter, 0), 0.5)
        self.backoffBase = backoffBase
        self.maximumSourceDelay = maximumSourceDelay
    }

    /// The backoff ceiling: 4 × interval.
    public var backoffCap: Duration { interval * 4 }

    /// Records a successful poll and returns the delay until the next one.
    public mutating func delayAfterSuccess(
        sourceMinimum: Duration? = nil, using random: inout some RandomNumberGenerator
    ) -> Duration {
        consecutiveFailures = 0
        let factor = jitter * (2 * Self.unitFraction(using: &random) - 1)
        return stretched(interval * (1 + factor), by: sourceMinimum)
    }

    /// Records a failed poll and returns the delay until the next attempt.
    public mutating func delayAfterFailure(
        sourceMinimum: Duration? = nil, using random: inout some RandomNumberGenerator
    ) -> Duration {
        consecutiveFailures += 1
        let ceiling = backoffCeiling(failures: consecutiveFailures)
        let fraction = Self.unitFraction(using: &random)
        return stretched(ceiling * fraction, by: sourceMinimum)
    }

    /// The upper bound of the full-jitter backoff after `failures` consecutive failures.
    public func backoffCeiling(failures: Int) -> Duration {
        let cap = backoffCap
        var ceiling = backoffBase
        var step = 1
        while step < failures && ceiling < cap {
            ceiling = ceiling * 2
            step += 1
        }
        return min(ceiling, cap)
    }

    /// A uniform draw in 0…1, both ends included, from the top 53 bits of one word: one call, no rejection loop,
    /// so a test's fixed words give fixed, extreme draws.
    static func unitFraction(using random: inout some RandomNumberGenerator) -> Double {
        Double(random.next() >> 11) / Double((UInt64(1) << 53) - 1)
    }

    private func stretched(_ delay: Duration, by sourceMinimum: Duration?) -> Duration {
        guard let sourceMinimum, sourceMinimum > delay else { return delay }
        return min(sourceMinimum, max(maximumSourceDelay, delay))
    }
}
