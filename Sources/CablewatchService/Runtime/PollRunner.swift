import CablewatchCore
import CablewatchNotify
import CablewatchStore
import Foundation
import Logging
import ServiceLifecycle

/// One poll as the CLI's `poll` and the daemon's loop run it: records the attempt in the archive, runs the sync
/// cycle, records the outcome, then brings the event log up to date and delivers what is due to the webhooks.
public struct PollRunner: Sendable {
    let store: any ArchiveStoring
    let engine: SyncEngine
    let eventLog: EventLogPump?
    let deliverer: WebhookDeliverer?
    let logger: Logger
    /// False where the caller prints the failure itself (`cablewatch poll`), so it is said once.
    let logsFailedPoll: Bool
    let now: @Sendable () -> Date

    public init(
        store: any ArchiveStoring, engine: SyncEngine, eventLog: EventLogPump?, deliverer: WebhookDeliverer? = nil,
        logger: Logger, logsFailedPoll: Bool = true, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.logsFailedPoll = logsFailedPoll
        self.store = store
        self.engine = engine
        self.eventLog = eventLog
        self.deliverer = deliverer
        self.logger = logger
        self.now = now
    }

    /// Runs one poll. A failed cycle is recorded with its reason and returned, never thrown: the caller decides
    /// whether to exit (CLI) or back off (daemon). The cycle runs as a child task that is cancelled when it overruns
    /// `limit` or when a graceful shutdown starts; the engine stops between commits, so nothing half-done stays, and
    /// the outcome is still recorded (the caller's task is not cancelled).
    public func pollOnce(
        progress: (@Sendable (SyncProgress) -> Void)? = nil, limit: Duration? = nil
    ) async -> Result<SyncReport, SyncError> {
        let pollID: Int64
        do {
            pollID = try await store.beginPoll(at: now())
        } catch {
            return .failure(SyncError(.store(error)))
        }
        let started = ContinuousClock.now
        let result = await runCycle(progress: progress, limit: limit)
        let elapsed = ContinuousClock.now - started
        switch result {
        case .success(let report):
            logger.info(
                "poll finished",
                metadata: [
                    "outcome": "\(report.outcome.rawValue)", "requests": "\(report.requests)",
                    "cables_fetched": "\(report.cablesFetched)", "events": "\(report.events.count)",
                    "elapsed": "\(elapsed)", "store_wait": "\(report.storeWait)",
                    "search_indexing": "\(report.searchIndexing)",
                ])
            try? await store.finishPoll(
                id: pollID, at: now(), outcome: report.outcome.rawValue, error: nil, requests: report.requests,
                cablesFetched: report.cablesFetched, events: report.events.count)
        case .failure(let error):
            if logsFailedPoll {
                logger.error("poll failed", metadata: ["error": "\(error)", "elapsed": "\(elapsed)"])
            }
            do {
                try await store.finishPoll(
                    id: pollID, at: now(), outcome: "failed", error: "\(error)", requests: error.requests,
                    cablesFetched: error.cablesFetched,
                    events: 0)
            } catch {
                logger.error("could not record the failed poll", metadata: ["error": "\(error)"])
            }
        }
        if let eventLog {
            do {
                try await eventLog.catchUp()
            } catch {
                // The outbox still holds every event; the next catch-up writes them.
                logger.error("event log not written", metadata: ["error": "\(error)"])
            }
        }
        if let deliverer {
            // Whatever is not delivered now stays in the outbox for the next round.
            let delivery = await deliverer.deliverDue(now: now())
            if delivery.attempts > 0 || !delivery.errors.isEmpty {
                logger.info(
                    "webhook round finished",
                    metadata: [
                        "attempts": "\(delivery.attempts)", "delivered": "\(delivery.delivered)",
                        "retried": "\(delivery.retried)", "failed": "\(delivery.failed)",
                    ])
            }
        }
        return result
    }

    /// One of the two racing children of a limited cycle.
    private enum CycleOutcome: Sendable {
        case finished(Result<SyncReport, SyncError>)
        case overran
    }

    private func runCycle(
        progress: (@Sendable (SyncProgress) -> Void)?, limit: Duration?
    ) async -> Result<SyncReport, SyncError> {
        let engine = self.engine
        return await withTaskGroup(of: CycleOutcome.self) { group in
            group.addTask {
                // The cycle's typed failure travels as a value: a graceful shutdown only cancels it.
                .finished(
                    await cancelWhenGracefulShutdown { () async -> Result<SyncReport, SyncError> in
                        do throws(SyncError) {
                            return .success(try await engine.runCycle(progress: progress))
                        } catch {
                            return .failure(error)
                        }
                    })
            }
            if let limit {
                group.addTask {
                    do {
                        try await Task.sleep(for: limit)
                        return .overran
                    } catch {
                        return .finished(.failure(SyncError(.cancelled)))
                    }
                }
            }
            var result: Result<SyncReport, SyncError> = .failure(SyncError(.cancelled))
            if let first = await group.next() {
                group.cancelAll()
                switch first {
                case .finished(let finished):
                    result = finished
                case .overran:
                    // Wait for the cancelled cycle to stop (its open transaction finishes or rolls back), and keep
                    // what it did before it stopped, so the recorded poll shows its requests and cables.
                    // A cycle that finished in that instant despite the cancellation is a success.
                    var timedOut = SyncError(.timedOut(limit ?? .zero))
                    result = .failure(timedOut)
                    while let rest = await group.next() {
                        switch rest {
                        case .finished(.failure(let stopped)):
                            timedOut.requests = stopped.requests
                            timedOut.cablesFetched = stopped.cablesFetched
                            result = .failure(timedOut)
                        case .finished(.success(let report)):
                            result = .success(report)
                        case .overran:
                            break
                        }
                    }
                }
            }
            return result
        }
    }
}
