import CablewatchCore
import Testing

/// A random source that always answers the same word: 0 gives the lowest draw, `.max` the highest.
struct ConstantRandom: RandomNumberGenerator {
    var value: UInt64
    mutating func next() -> UInt64 { value }
}

@Suite struct PollScheduleTests {
    @Test func successDelaysStayWithinIntervalPlusMinusJitterAndUseTheWholeRange() {
        var schedule = PollSchedule(interval: .seconds(900), jitter: 0.1)
        var random = SplitMixRandom(state: 7)
        var delays: [Duration] = []
        for _ in 0..<2_000 { delays.append(schedule.delayAfterSuccess(using: &random)) }
        let low = delays.min() ?? .zero
        let high = delays.max() ?? .zero
        #expect(low >= .seconds(810))
        #expect(high <= .seconds(990))
        #expect(low < .seconds(820), "the low end of the jitter is reached")
        #expect(high > .seconds(980), "the high end of the jitter is reached")
    }

    @Test func zeroJitterGivesTheExactInterval() {
        var schedule = PollSchedule(interval: .seconds(60), jitter: 0)
        var random = SplitMixRandom(state: 1)
        #expect(schedule.delayAfterSuccess(using: &random) == .seconds(60))
    }

    @Test func failuresBackOffExponentiallyFromThirtySecondsCappedAtFourIntervals() {
        let schedule = PollSchedule(interval: .seconds(300), jitter: 0.1)
        #expect(schedule.backoffCeiling(failures: 1) == .seconds(30))
        #expect(schedule.backoffCeiling(failures: 2) == .seconds(60))
        #expect(schedule.backoffCeiling(failures: 3) == .seconds(120))
        #expect(schedule.backoffCeiling(failures: 4) == .seconds(240))
        #expect(schedule.backoffCeiling(failures: 5) == .seconds(480))
        #expect(schedule.backoffCeiling(failures: 6) == .seconds(960))
        #expect(schedule.backoffCeiling(failures: 7) == .seconds(1_200), "capped at 4 × interval")
        #expect(schedule.backoffCeiling(failures: 60) == .seconds(1_200))
    }

    @Test func failureDelaysUseFullJitterBelowTheCeiling() {
        var schedule = PollSchedule(interval: .seconds(300), jitter: 0.1)
        var random = SplitMixRandom(state: 3)
        for failure in 1...12 {
            let delay = schedule.delayAfterFailure(using: &random)
            #expect(delay >= .zero)
            #expect(delay <= schedule.backoffCeiling(failures: failure))
            #expect(schedule.consecutiveFailures == failure)
        }
        var highest = ConstantRandom(value: .max)
        #expect(schedule.delayAfterFailure(using: &highest) == .seconds(1_200), "full jitter reaches the cap")
        var lowest = ConstantRandom(value: 0)
        #expect(schedule.delayAfterFailure(using: &lowest) == .zero, "full jitter reaches zero")
    }

    @Test func aSuccessResetsTheBackoff() {
        var schedule = PollSchedule(interval: .seconds(300), jitter: 0)
        var random = ConstantRandom(value: .max)
        for _ in 0..<5 { _ = schedule.delayAfterFailure(using: &random) }
        _ = schedule.delayAfterSuccess(using: &random)
        #expect(schedule.consecutiveFailures == 0)
        #expect(schedule.delayAfterFailure(using: &random) == .seconds(30))
    }

    @Test func retryAfterStretchesAFailureDelayButNeverShortensIt() {
        var schedule = PollSchedule(interval: .seconds(300), jitter: 0)
        var lowest = ConstantRandom(value: 0)
        #expect(schedule.delayAfterFailure(sourceMinimum: .seconds(90), using: &lowest) == .seconds(90))
        var highest = ConstantRandom(value: .max)
        #expect(
            schedule.delayAfterFailure(sourceMinimum: .seconds(5), using: &highest) == .seconds(60),
            "a short Retry-After does not shorten the backoff")
    }

    @Test func cacheMaxAgeStretchesASuccessDelayButNeverShortensIt() {
        var schedule = PollSchedule(interval: .seconds(60), jitter: 0)
        var random = SplitMixRandom(state: 9)
        #expect(schedule.delayAfterSuccess(sourceMinimum: .seconds(600), using: &random) == .seconds(600))
        #expect(schedule.delayAfterSuccess(sourceMinimum: .seconds(10), using: &random) == .seconds(60))
    }

    @Test func anAbsurdSourceDelayIsCappedAtOneDay() {
        var schedule = PollSchedule(interval: .seconds(60), jitter: 0)
        var random = SplitMixRandom(state: 9)
        let year = Duration.seconds(365 * 86_400)
        #expect(schedule.delayAfterSuccess(sourceMinimum: year, using: &random) == .seconds(86_400))
    }
}
