import CablewatchCore
import Foundation
import Testing

@Suite struct ServiceHealthVerdictTests {
    let now = Date(timeIntervalSince1970: 1_300_000_000)

    func heartbeat(age: TimeInterval, interval: Double = 60, stopped: Bool = false) -> DaemonHeartbeat {
        DaemonHeartbeat(
            pid: 42, startedAt: now - 3_600, heartbeatAt: now - age, intervalSeconds: interval,
            stoppedAt: stopped ? now - age : nil)
    }

    @Test func cliOnlyArchivesAreJudgedByPollsAlone() {
        #expect(verdict(polled: true, failures: 0, heartbeat: nil) == .ok)
        #expect(verdict(polled: true, failures: 2, heartbeat: nil) == .degraded)
        #expect(verdict(polled: true, failures: 3, heartbeat: nil) == .failing)
        #expect(verdict(polled: false, failures: 0, heartbeat: nil) == .failing)
    }

    @Test func aLiveDaemonIsJudgedByItsPolls() {
        #expect(verdict(polled: true, failures: 0, heartbeat: heartbeat(age: 30)) == .ok)
        #expect(verdict(polled: true, failures: 1, heartbeat: heartbeat(age: 30)) == .degraded)
        #expect(verdict(polled: true, failures: 3, heartbeat: heartbeat(age: 30)) == .failing)
    }

    @Test func aStaleOrStoppedHeartbeatIsFailing() {
        #expect(verdict(polled: true, failures: 0, heartbeat: heartbeat(age: 179)) == .ok)
        #expect(verdict(polled: true, failures: 0, heartbeat: heartbeat(age: 181)) == .failing, "older than 3 × 60 s")
        #expect(verdict(polled: true, failures: 0, heartbeat: heartbeat(age: 1, stopped: true)) == .failing)
        #expect(
            verdict(polled: true, failures: 0, heartbeat: heartbeat(age: 9, interval: 0.2)) == .ok,
            "short intervals get at least 10 s")
        #expect(ServiceHealthVerdict.failing.exitCode == 2)
        #expect(ServiceHealthVerdict.degraded.exitCode == 1)
        #expect(ServiceHealthVerdict.ok.exitCode == 0)
    }

    @Test func unknownMarkupIsFailingAtOnceAndACounterAboveTheListingsIsDegraded() {
        let markup = SourceProblems(
            unrecognisedMarkup: .init(url: "http://x/cablegate.html", detail: "no release day", since: now))
        let gap = SourceProblems(countAboveListings: .init(counter: 500, listed: 494, since: now))
        #expect(verdict(polled: true, failures: 1, heartbeat: nil, problems: markup) == .failing)
        #expect(verdict(polled: true, failures: 0, heartbeat: heartbeat(age: 30), problems: markup) == .failing)
        #expect(verdict(polled: true, failures: 0, heartbeat: nil, problems: gap) == .degraded)
        #expect(verdict(polled: true, failures: 3, heartbeat: nil, problems: gap) == .failing)
        #expect(
            gap.lines == ["the counter says 500 released but the listings hold 494, since 2011-03-13T07:06:40.000Z"])
        #expect(SourceProblems(syncState: [SourceProblems.countAboveListingsKey: ""]) == SourceProblems())
        #expect(
            SourceProblems(syncState: [SourceProblems.countAboveListingsKey: StateJSON.encode(gap.countAboveListings)])
                == gap)
    }

    func verdict(
        polled: Bool, failures: Int, heartbeat: DaemonHeartbeat?, problems: SourceProblems = SourceProblems()
    ) -> ServiceHealthVerdict {
        ServiceHealthVerdict(
            hasPolled: polled, consecutiveFailures: failures, failuresBeforeAlert: 3, heartbeat: heartbeat, now: now,
            problems: problems)
    }
}
