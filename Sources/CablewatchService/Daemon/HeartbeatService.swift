import CablewatchCore
import CablewatchStore
import Foundation
import Logging
import ServiceLifecycle

/// Liveness as a `Service`: on every tick writes the heartbeat record to the archive (which proves the database
/// answers) and, when that worked and the scheduler is advancing, sends `WATCHDOG=1`. Ticks at half of
/// `WATCHDOG_USEC` under a systemd watchdog, else every min(interval, 30 s), at least every second. On stop it
/// writes the record once more with `stoppedAt`, so `status` knows the daemon stopped cleanly.
public struct HeartbeatService: Service {
    let store: any ArchiveStoring
    let state: DaemonState
    let notifier: SystemdNotifier
    let logger: Logger
    let pid: Int32

    public init(store: any ArchiveStoring, state: DaemonState, notifier: SystemdNotifier, logger: Logger) {
        self.store = store
        self.state = state
        self.notifier = notifier
        self.logger = logger
        self.pid = getpid()
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if state.schedulerIsAdvancing() {
                if await beat(stopped: false) {
                    notifier.send("WATCHDOG=1")
                }
            } else {
                logger.error("scheduler stalled; withholding the watchdog ping")
            }
            // A graceful shutdown ends the wait at once, so the last record (`stoppedAt`) is written well inside the
            // group's shutdown limit instead of being cancelled by it.
            let period = self.period
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: period) }
        }
        await beat(stopped: true)
    }

    /// How often to tick.
    var period: Duration {
        if let watchdog = notifier.watchdogInterval { return min(watchdog, .seconds(30)) }
        let interval = state.configuration.poll.interval
        return max(min(interval, .seconds(30)), .seconds(1))
    }

    /// Writes the heartbeat record; false when the archive did not answer.
    @discardableResult
    func beat(stopped: Bool) async -> Bool {
        let values = state.snapshot
        let now = Date()
        let record = DaemonHeartbeat(
            pid: pid, startedAt: values.startedAt, heartbeatAt: now, lastPollAt: values.lastPollAt,
            intervalSeconds: values.configuration.poll.interval.timeInterval, stoppedAt: stopped ? now : nil,
            node: values.configuration.cluster.effectiveNodeName)
        do {
            try await store.setSyncValue(StateJSON.encode(record), forKey: DaemonHeartbeat.syncStateKey)
            return true
        } catch {
            logger.error("heartbeat not written", metadata: ["error": "\(error)"])
            return false
        }
    }
}
