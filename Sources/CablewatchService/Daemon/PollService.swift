import CablewatchCore
import CablewatchStore
import Foundation
import Logging
import ServiceLifecycle

/// The poll loop as a `Service`: waits for the next due time (`PollSchedule`), runs one poll bounded by
/// `poll.timeout`, commits the source-health events (`SourceHealth`) with their state in one transaction, catches
/// the event log up and reports `STATUS=` to systemd. Sends `READY=1` once the first poll is scheduled and
/// `STOPPING=1` when a graceful shutdown starts; the running cycle is then cancelled between commits.
public struct PollService: Service {
    static let healthKey = "daemon.sourceHealth"

    let store: any ArchiveStoring
    let state: DaemonState
    let notifier: SystemdNotifier
    let eventLog: EventLogPump?
    let logger: Logger
    let observer: PollObserver?
    /// Configurations accepted by `ReloadService`, applied as they arrive.
    let configurations: AsyncStream<CablewatchConfiguration>
    /// The `STATUS=` sent with `READY=1` (a new leader names its term in it).
    let startStatus: String

    public init(
        store: any ArchiveStoring, state: DaemonState, notifier: SystemdNotifier, eventLog: EventLogPump?,
        logger: Logger,
        configurations: AsyncStream<CablewatchConfiguration>, observer: PollObserver? = nil,
        startStatus: String = "first poll starting"
    ) {
        self.configurations = configurations
        self.startStatus = startStatus
        self.store = store
        self.state = state
        self.notifier = notifier
        self.eventLog = eventLog
        self.logger = logger
        self.observer = observer
    }

    public func run() async throws {
        var configuration = state.configuration
        var health = SourceHealth(
            state: StateJSON.decode(SourceHealthState.self, from: try await store.syncValues()[Self.healthKey])
                ?? .init(),
            failuresBeforeAlert: configuration.poll.failuresBeforeAlert, staleAfter: configuration.poll.staleAfter)
        // Nothing below throws, so the engine is always stopped at the end (without blocking a pool thread).
        var engine = try PollEngine(configuration: configuration, store: store, logger: logger)
        var schedule = PollSchedule(interval: configuration.poll.interval, jitter: configuration.poll.jitter)
        var random = SystemRandomNumberGenerator()
        var lastPollEnd = ContinuousClock.now
        var lastPollFailed = false
        var due = ContinuousClock.now
        var lastSnapshot: DaemonSnapshot?

        await withGracefulShutdownHandler {
            notifier.send("READY=1\nSTATUS=\(startStatus)")
            logger.info("cablewatch daemon ready", metadata: ["interval": "\(configuration.poll.interval)"])
            // Children race to wake the loop: the due time, a reloaded configuration, a graceful shutdown. Polls run
            // in the loop itself, so a configuration that arrives meanwhile is applied once the poll ends.
            await withTaskGroup(of: Wake.self) { wakes in
                wakes.addTask {
                    try? await gracefulShutdown()
                    return .shutdown
                }
                wakes.addTask { await Self.next(configurations) }
                // The children wait for ever otherwise, and the group waits for its children.
                defer { wakes.cancelAll() }
                // The due time the newest timer child sleeps until; an older timer that fires is ignored.
                var timerDue: ContinuousClock.Instant?
                loop: while !Task.isShuttingDownGracefully && !Task.isCancelled {
                    if ContinuousClock.now < due {
                        if timerDue != due {
                            let wakeAt = due
                            wakes.addTask {
                                try? await Task.sleep(until: wakeAt, clock: .continuous)
                                return .due
                            }
                            timerDue = due
                        }
                        state.update {
                            $0.schedulerTick = .now
                            $0.sleepingUntil = due
                        }
                        let wake = await wakes.next()
                        state.update {
                            $0.schedulerTick = .now
                            $0.sleepingUntil = nil
                        }
                        switch wake {
                        case .shutdown, nil: break loop
                        case .due, .configurationsEnded: continue
                        case .configuration(let current):
                            wakes.addTask { await Self.next(configurations) }
                            configuration = current
                            schedule.interval = current.poll.interval
                            schedule.jitter = min(max(current.poll.jitter, 0), 0.5)
                            health.failuresBeforeAlert = max(1, current.poll.failuresBeforeAlert)
                            health.staleAfter = current.poll.staleAfter
                            due =
                                lastPollFailed
                                ? min(due, lastPollEnd + schedule.backoffCap)
                                : lastPollEnd + schedule.delayAfterSuccess(using: &random)
                            logger.info("configuration applied", metadata: ["interval": "\(current.poll.interval)"])
                            continue
                        }
                    }
                    timerDue = nil
                    if engine.isStale(for: configuration) {
                        do {
                            let rebuilt = try PollEngine(configuration: configuration, store: store, logger: logger)
                            await engine.stop()
                            engine = rebuilt
                        } catch {
                            logger.error("keeping the previous HTTP settings", metadata: ["error": "\(error)"])
                        }
                    }

                    let outcome = await poll(engine: engine, limit: configuration.poll.timeout)
                    lastPollEnd = .now
                    if Task.isShuttingDownGracefully { return }
                    let now = Date()
                    var events: [PendingEvent]
                    switch outcome {
                    case .success(let report):
                        lastPollFailed = false
                        events = health.recordSuccess(released: report.counter?.released, at: now)
                        due =
                            lastPollEnd
                            + schedule.delayAfterSuccess(
                                sourceMinimum: report.cacheMaxAgeSeconds.map { .seconds($0) }, using: &random)
                    case .failure(let error):
                        lastPollFailed = true
                        // `source.unreachable` means the source does not answer; markup it does not know and archive
                        // errors have alerts and a failing status of their own.
                        events = error.sourceDidNotAnswer ? health.recordFailure(error: "\(error)", at: now) : []
                        due =
                            lastPollEnd
                            + schedule.delayAfterFailure(
                                sourceMinimum: error.retryAfterSeconds.map { .seconds($0) }, using: &random)
                    }
                    await commitHealth(health.state, events: events, at: now, source: configuration.sourceBaseURL)
                    lastSnapshot = await report(
                        outcome: outcome, at: now, failures: health.state.consecutiveFailures, previous: lastSnapshot)
                    observer?.finished(outcome)
                }
            }
        } onGracefulShutdown: {
            notifier.send("STOPPING=1")
        }
        await engine.stop()
    }

    /// What woke the poll loop.
    private enum Wake: Sendable {
        case due
        case configuration(CablewatchConfiguration)
        case configurationsEnded
        case shutdown
    }

    /// The next reloaded configuration; `.configurationsEnded` once the reload service has stopped.
    private static func next(_ configurations: AsyncStream<CablewatchConfiguration>) async -> Wake {
        for await configuration in configurations {
            return .configuration(configuration)
        }
        return .configurationsEnded
    }

    /// Runs one recorded poll and keeps the scheduler's progress visible to the watchdog.
    private func poll(engine: PollEngine, limit: Duration) async -> Result<SyncReport, SyncError> {
        let started = ContinuousClock.now
        state.update { $0.pollStartedAt = started }
        let state = self.state
        let observer = self.observer
        let result = await engine.runner.pollOnce(
            progress: { progress in
                state.update { $0.schedulerTick = .now }
                observer?.progress(progress)
            }, limit: limit)
        let elapsed = ContinuousClock.now - started
        state.update {
            $0.pollStartedAt = nil
            $0.schedulerTick = .now
            $0.lastPollDuration = elapsed
            $0.fetchStatistics = engine.fetcher.stats
        }
        return result
    }

    /// Commits the health state, and the events it decided, in one transaction; then writes the event log.
    private func commitHealth(_ health: SourceHealthState, events: [PendingEvent], at now: Date, source: String) async {
        var changes = ArchiveChanges()
        changes.syncState[Self.healthKey] = StateJSON.encode(health)
        changes.events = events
        do {
            let committed = try await store.commit(changes, at: now, source: source)
            for event in committed {
                logger.warning("source health", metadata: ["event": "\(event.type)", "seq": "\(event.seq)"])
            }
        } catch {
            logger.error("could not record the source's health", metadata: ["error": "\(error)"])
        }
        if let eventLog {
            do {
                try await eventLog.catchUp()
            } catch {
                logger.error("event log not written", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Updates the shared figures and sends the one-line `STATUS=`; returns the snapshot it reported.
    private func report(
        outcome: Result<SyncReport, SyncError>, at now: Date, failures: Int, previous: DaemonSnapshot?
    ) async -> DaemonSnapshot? {
        let word: String
        switch outcome {
        case .success(let report): word = report.outcome.rawValue
        case .failure: word = "failed"
        }
        state.update {
            $0.lastPollAt = now
            $0.lastPollOutcome = word
            $0.consecutiveFailures = failures
            $0.pollsByOutcome[word, default: 0] += 1
            if word != "failed" { $0.lastSuccessAt = now }
        }
        // An unchanged poll wrote no cable, so the previous snapshot's cable count still holds (the line shows no
        // event counts; /metrics takes its own full snapshot).
        let snapshot = try? await store.daemonSnapshot(unchangedArchive: word == "unchanged" ? previous : nil)
        let line = DaemonStatusLine.format(
            snapshot: snapshot, pollAt: now, outcome: word, error: outcome.failureDescription,
            role: state.snapshot.role)
        notifier.send("STATUS=\(line)")
        return snapshot
    }
}

extension Result where Failure == SyncError {
    /// The error text of a failure, `nil` for a success.
    var failureDescription: String? {
        if case .failure(let error) = self { return "\(error)" }
        return nil
    }
}
