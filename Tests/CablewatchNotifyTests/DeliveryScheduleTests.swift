import Foundation
import Testing

@testable import CablewatchNotify

private let start = Date(timeIntervalSince1970: 1_700_000_000)

@Test func standardScheduleIsImmediateThenTheIssueDelays() {
    let schedule = DeliverySchedule.standard
    let nominal = (1...10).map { schedule.delay(beforeAttempt: $0, unit: 0.5) }
    let expected: [Duration] = [
        .zero, .seconds(5), .seconds(300), .seconds(1800), .seconds(7200), .seconds(18_000), .seconds(36_000),
        .seconds(50_400), .seconds(72_000), .seconds(86_400),
    ]
    #expect(nominal == expected.map { Optional($0) })
    #expect(schedule.maximumAttempts == 10)
    #expect(schedule.delay(beforeAttempt: 11, unit: 0.5) == nil)
    #expect(schedule.delay(beforeAttempt: 0, unit: 0.5) == nil)
}

@Test func jitterStaysWithinTwentyPercent() {
    let schedule = DeliverySchedule.standard
    #expect(schedule.delay(beforeAttempt: 3, unit: 0) == .seconds(240))
    #expect(schedule.delay(beforeAttempt: 3, unit: 1) == .seconds(360))
    #expect(schedule.delay(beforeAttempt: 1, unit: 1) == .zero)
    for unit in stride(from: 0.0, through: 1.0, by: 0.05) {
        let delay = schedule.delay(beforeAttempt: 10, unit: unit) ?? .zero
        #expect(delay >= .seconds(69_120) && delay <= .seconds(103_680))
    }
}

@Test func walkingTheWholeScheduleWithAManualClockFailsAfterTenAttempts() {
    var clock = start
    var attempt = 1
    var waits: [TimeInterval] = []
    while true {
        let decision = DeliveryDecision.decide(
            outcome: .responded(status: 503, retryAfter: nil), attempt: attempt, now: clock, schedule: .standard,
            jitterUnit: 0.5)
        guard case .retry(let at, let reason) = decision else {
            #expect(decision == .failed(reason: "HTTP 503 after 10 attempts"))
            break
        }
        #expect(reason == "HTTP 503")
        waits.append(at.timeIntervalSince(clock))
        clock = at
        attempt += 1
    }
    #expect(attempt == 10)
    #expect(waits == [5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400])
    #expect(clock.timeIntervalSince(start) == 272_105)
}

@Test func successfulStatusesDeliver() {
    for status in [200, 201, 202, 204, 299] {
        #expect(decide(.responded(status: status, retryAfter: nil)) == .delivered)
    }
}

@Test func goneDisablesTheEndpoint() {
    #expect(decide(.responded(status: 410, retryAfter: nil)) == .disableEndpoint(reason: "HTTP 410 Gone"))
    #expect(decide(.responded(status: 410, retryAfter: nil), attempt: 10) == .disableEndpoint(reason: "HTTP 410 Gone"))
}

@Test func redirectsOtherClientErrorsTimeoutsAndTransportFailuresRetryPerSchedule() {
    let outcomes: [DeliveryAttemptOutcome] = [
        .responded(status: 301, retryAfter: nil), .responded(status: 302, retryAfter: .seconds(999)),
        .responded(status: 400, retryAfter: nil), .responded(status: 404, retryAfter: .seconds(999)),
        .timedOut, .transportFailed(reason: "connection refused"),
    ]
    for outcome in outcomes {
        #expect(decide(outcome, attempt: 2) == .retry(at: start.addingTimeInterval(300), reason: outcome.summary))
    }
}

@Test func retryAfterOnRateLimitAndServerErrorsIsHonouredButNeverSoonerThanTheSchedule() {
    #expect(
        decide(.responded(status: 429, retryAfter: .seconds(60)), attempt: 1)
            == .retry(at: start.addingTimeInterval(60), reason: "HTTP 429"))
    #expect(
        decide(.responded(status: 503, retryAfter: .seconds(1)), attempt: 2)
            == .retry(at: start.addingTimeInterval(300), reason: "HTTP 503"))
    #expect(
        decide(.responded(status: 500, retryAfter: .seconds(900)), attempt: 2)
            == .retry(at: start.addingTimeInterval(900), reason: "HTTP 500"))
    #expect(
        decide(.responded(status: 429, retryAfter: .seconds(10 * 86_400)), attempt: 1)
            == .retry(at: start.addingTimeInterval(86_400), reason: "HTTP 429"))
}

@Test func retryAfterCannotExtendPastTheLastAttempt() {
    #expect(
        decide(.responded(status: 429, retryAfter: .seconds(5)), attempt: 10)
            == .failed(reason: "HTTP 429 after 10 attempts"))
    #expect(decide(.timedOut, attempt: 10) == .failed(reason: "timed out after 10 attempts"))
}

@Test func jitterUnitMovesTheRetryTime() {
    let early = decide(.timedOut, attempt: 3, unit: 0)
    let late = decide(.timedOut, attempt: 3, unit: 1)
    #expect(early == .retry(at: start.addingTimeInterval(1440), reason: "timed out"))
    #expect(late == .retry(at: start.addingTimeInterval(2160), reason: "timed out"))
}

private func decide(_ outcome: DeliveryAttemptOutcome, attempt: Int = 1, unit: Double = 0.5) -> DeliveryDecision {
    DeliveryDecision.decide(outcome: outcome, attempt: attempt, now: start, schedule: .standard, jitterUnit: unit)
}
