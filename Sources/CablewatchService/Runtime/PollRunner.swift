import CablewatchCore
import CablewatchNotify
import CablewatchStore
import Foundation
import Logging

/// One poll as the CLI's `poll` and the daemon's loop run it: records the attempt in the archive, runs the sync
/// cycle, records the outcome, then brings the event log up to date and delivers what is due to the webhooks.
public struct PollRunner: Sendable {
    let store: ArchiveStore
    let engine: SyncEngine
    let eventLog: EventLogPump?
    let deliverer: WebhookDeliverer?
    let logger: Logger
    let now: @Sendable () -> Date

    public init(
        store: ArchiveStore, engine: SyncEngine, eventLog: EventLogPump?, deliverer: WebhookDeliverer? = nil,
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.engine = engine
        self.eventLog = eventLog
        self.deliverer = deliverer
        self.logger = logger
        self.now = now
    }

    /// Runs one poll. A failed cycle is recorded with its reason and returned, never thrown: the caller decides
    /// whether to exit (CLI) or back off (daemon).
    public func pollOnce(progress: (@Sendable (SyncProgress) -> Void)? = nil) async -> Result<SyncReport, SyncError> {
        let pollID: Int64
        do {
            pollID = try await store.beginPoll(at: now())
        } catch {
            return .failure(SyncError(.store(error)))
        }
        let started = ContinuousClock.now
        let result: Result<SyncReport, SyncError>
        do {
            result = .success(try await engine.runCycle(progress: progress))
        } catch {
            result = .failure(error)
        }
        let elapsed = ContinuousClock.now - started
        switch result {
        case .success(let report):
            logger.info(
                "poll finished",
                metadata: [
                    "outcome": "\(report.outcome.rawValue)", "requests": "\(report.requests)",
                    "cables_fetched": "\(report.cablesFetched)", "events": "\(report.events.count)",
                    "elapsed": "\(elapsed)",
                ])
            try? await store.finishPoll(
                id: pollID, at: now(), outcome: report.outcome.rawValue, error: nil, requests: report.requests,
                cablesFetched: report.cablesFetched, events: report.events.count)
        case .failure(let error):
            logger.error("poll failed", metadata: ["error": "\(error)", "elapsed": "\(elapsed)"])
            do {
                try await store.finishPoll(
                    id: pollID, at: now(), outcome: "failed", error: "\(error)", requests: 0, cablesFetched: 0,
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
}
