import CablegateSim
import CablewatchService
import CablewatchStore
import ServiceLifecycle

/// Drives the simulated source as a `Service`: once the baseline is archived it publishes the next build every
/// `interval` until the last one, each just after a poll ended (so no poll sees a site half old, half new). With `exitAfterLastBuild` it then waits until two more polls have succeeded (so
/// one started after the last build) and every event has been delivered to the receiver, and returns, which shuts
/// the demo down; otherwise it waits for the signal.
struct DemoPublisher: Service {
    static let settleTimeout: Duration = .seconds(60)

    /// How long after a poll ended a build may still be published (the daemon polls every second).
    static let quietWindow: Duration = .milliseconds(500)

    let server: SimServer
    let tracker: DemoTracker
    let state: DaemonState
    let store: ArchiveStore
    let webhookName: String
    let interval: Duration
    let exitAfterLastBuild: Bool
    let report: @Sendable (DemoUpdate) -> Void

    func run() async throws {
        while !tracker.snapshot.baselineDone {
            guard await pause(.milliseconds(100)) else { return }
        }
        while server.site.currentBuild < server.site.lastBuild {
            guard await pause(interval), await waitBetweenPolls() else { return }
            guard let build = server.advance() else { break }
            report(
                .buildPublished(
                    DemoBuild(
                        build: build.build, lastBuild: server.site.lastBuild, releaseDay: build.releaseDay,
                        released: build.counter.released, total: build.counter.total,
                        added: build.changes.added.count, changed: build.changes.changed.count,
                        removed: build.changes.removed.count)))
        }
        report(.lastBuildPublished)
        guard exitAfterLastBuild else {
            while await pause(.milliseconds(200)) {}
            return
        }
        let pollsAtLastBuild = tracker.snapshot.successfulPolls
        let deadline = ContinuousClock.now + Self.settleTimeout
        while ContinuousClock.now < deadline {
            if tracker.snapshot.successfulPolls >= pollsAtLastBuild + 2, await deliveriesSettled() { return }
            guard await pause(.milliseconds(200)) else { return }
        }
    }

    /// Sleeps for `duration` in short slices; false when the demo is stopping.
    private func pause(_ duration: Duration) async -> Bool {
        let end = ContinuousClock.now + duration
        while ContinuousClock.now < end {
            if Task.isShuttingDownGracefully || Task.isCancelled { return false }
            try? await Task.sleep(for: min(end - ContinuousClock.now, .milliseconds(100)))
        }
        return !(Task.isShuttingDownGracefully || Task.isCancelled)
    }

    /// Waits until no poll runs and the last one ended moments ago; false when the demo is stopping.
    private func waitBetweenPolls() async -> Bool {
        while true {
            let idle = state.snapshot.pollStartedAt == nil
            if idle, let ended = tracker.snapshot.lastPollEndedAt, ContinuousClock.now - ended < Self.quietWindow {
                return true
            }
            guard await pause(.milliseconds(20)) else { return false }
        }
    }

    /// Every committed event has been routed to the webhook and nothing is waiting to be sent.
    private func deliveriesSettled() async -> Bool {
        guard let status = try? await store.status(),
            let endpoint = try? await store.endpointDeliveryState(webhookName)
        else { return false }
        return endpoint.cursorSeq >= status.events.lastSeq && status.deliveries.pending == 0
    }
}
