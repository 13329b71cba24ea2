/// When the attempts of one webhook delivery happen: immediately, then after growing delays with ±`jitter`,
/// and after the last attempt the delivery has failed.
///
/// The default (`standard`) waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h between attempts:
/// ten attempts over about three days.
public struct DeliverySchedule: Sendable, Equatable {
    /// The production schedule.
    public static let standard = DeliverySchedule(
        delays: [
            .zero, .seconds(5), .seconds(5 * 60), .seconds(30 * 60), .seconds(2 * 3600), .seconds(5 * 3600),
            .seconds(10 * 3600), .seconds(14 * 3600), .seconds(20 * 3600), .seconds(24 * 3600),
        ], jitter: 0.2)

    /// `delays[n]` is the wait before attempt `n + 1`; `delays[0]` (normally zero) applies to the first attempt.
    public let delays: [Duration]
    /// The fraction each delay may be shortened or lengthened by (0.2 = ±20%).
    public let jitter: Double

    /// A schedule of `delays.count` attempts; `jitter` is clamped to 0...1.
    public init(delays: [Duration], jitter: Double) {
        self.delays = delays.isEmpty ? [.zero] : delays
        self.jitter = min(1, max(0, jitter))
    }

    /// How many attempts a delivery gets before it fails.
    public var maximumAttempts: Int { delays.count }

    /// The wait before attempt number `attempt` (1-based), or nil when the schedule has no such attempt.
    ///
    /// Delays are rounded to whole milliseconds.
    ///
    /// - Parameter unit: a random number in 0...1 from the injected source; 0 gives the shortest delay
    ///   (−jitter), 0.5 the nominal one, 1 the longest (+jitter).
    public func delay(beforeAttempt attempt: Int, unit: Double) -> Duration? {
        guard attempt >= 1, attempt <= delays.count else { return nil }
        let nominal = delays[attempt - 1]
        let clamped = min(1, max(0, unit))
        let factor = 1 + jitter * (2 * clamped - 1)
        return .milliseconds(Int64((nominal.timeInterval * factor * 1000).rounded()))
    }
}
