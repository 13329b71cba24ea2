import CablewatchCore
import Foundation
import Testing

/// A manual clock: time moves only when the test says so.
struct ManualClock {
    var now = Date(timeIntervalSince1970: 1_300_000_000)
    mutating func advance(_ seconds: TimeInterval) { now += seconds }
}

@Suite struct SourceHealthTests {
    @Test func unreachableIsEmittedExactlyOnceAfterTheThresholdAndRecoveredOnceAfter() {
        var clock = ManualClock()
        var health = SourceHealth(failuresBeforeAlert: 3, staleAfter: .zero)
        let firstFailure = clock.now
        var emitted: [EventType] = []
        for _ in 0..<10 {
            emitted += health.recordFailure(error: "HTTP 503", at: clock.now).map(\.type)
            clock.advance(60)
        }
        #expect(emitted == [.sourceUnreachable])
        let recovered = health.recordSuccess(released: 10, at: clock.now)
        #expect(recovered.map(\.type) == [.sourceRecovered])
        #expect(
            recovered.first?.dataJSON.contains(Timestamp.string(from: firstFailure)) == true, "since = first failure")
        clock.advance(60)
        #expect(health.recordSuccess(released: 10, at: clock.now).isEmpty, "recovered only once")
    }

    @Test func unreachableCarriesTheErrorAndTheFailureCount() {
        var health = SourceHealth(failuresBeforeAlert: 2, staleAfter: .zero)
        let clock = ManualClock()
        #expect(health.recordFailure(error: "timeout", at: clock.now).isEmpty)
        let events = health.recordFailure(error: "HTTP 503", at: clock.now + 30)
        let data = events.first.map { $0.dataJSON } ?? ""
        #expect(data.contains("\"error\":\"HTTP 503\""))
        #expect(data.contains("\"consecutiveFailures\":2"))
    }

    @Test func failuresBelowTheThresholdThenASuccessEmitNothing() {
        var health = SourceHealth(failuresBeforeAlert: 3, staleAfter: .zero)
        var clock = ManualClock()
        for _ in 0..<2 {
            #expect(health.recordFailure(error: "x", at: clock.now).isEmpty)
            clock.advance(10)
        }
        #expect(health.recordSuccess(released: 1, at: clock.now).isEmpty)
        #expect(health.state.consecutiveFailures == 0)
        for _ in 0..<2 { #expect(health.recordFailure(error: "x", at: clock.now).isEmpty) }
    }

    @Test func theStateSurvivesARestartSoNothingIsReAlerted() {
        var health = SourceHealth(failuresBeforeAlert: 1, staleAfter: .zero)
        let clock = ManualClock()
        #expect(health.recordFailure(error: "x", at: clock.now).count == 1)
        let saved = StateJSON.encode(health.state)
        let restored = StateJSON.decode(SourceHealthState.self, from: saved)
        #expect(restored == health.state)
        var restarted = SourceHealth(state: restored ?? .init(), failuresBeforeAlert: 1, staleAfter: .zero)
        #expect(restarted.recordFailure(error: "x", at: clock.now + 5).isEmpty)
        #expect(restarted.recordSuccess(released: 1, at: clock.now + 10).map(\.type) == [.sourceRecovered])
    }

    @Test func staleIsEmittedOncePerPeriodWithoutANewRelease() {
        var clock = ManualClock()
        var health = SourceHealth(failuresBeforeAlert: 3, staleAfter: .seconds(3_600))
        #expect(health.recordSuccess(released: 100, at: clock.now).isEmpty)
        let unchangedSince = clock.now
        var stale: [PendingEvent] = []
        for _ in 0..<12 {
            clock.advance(900)
            stale += health.recordSuccess(released: 100, at: clock.now)
        }
        #expect(stale.map(\.type) == [.sourceStale])
        #expect(stale.first?.dataJSON.contains(Timestamp.string(from: unchangedSince)) == true)
        // A new release ends the stale period; the next one is reported again.
        clock.advance(900)
        #expect(health.recordSuccess(released: 101, at: clock.now).isEmpty)
        clock.advance(3_000)
        #expect(health.recordSuccess(released: 101, at: clock.now).isEmpty, "not yet an hour")
        clock.advance(700)
        #expect(health.recordSuccess(released: 101, at: clock.now).map(\.type) == [.sourceStale])
    }

    @Test func staleAfterZeroIsOff() {
        var clock = ManualClock()
        var health = SourceHealth(failuresBeforeAlert: 3, staleAfter: .zero)
        for _ in 0..<100 {
            #expect(health.recordSuccess(released: 5, at: clock.now).isEmpty)
            clock.advance(86_400)
        }
    }
}
