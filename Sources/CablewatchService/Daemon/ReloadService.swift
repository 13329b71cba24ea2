import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// SIGHUP as a `Service`: re-reads and validates the configuration file, installs it when valid (a bad one is
/// logged and rejected, the old one stays), pushes it to the poll loop, and reopens the event log. Tells systemd
/// `RELOADING=1` with `MONOTONIC_USEC=` first and `READY=1` after, as `Type=notify` expects for
/// `ExecReload=kill -HUP $MAINPID`.
public struct ReloadService: Service {
    let configPath: String
    let environment: [String: String]
    let state: DaemonState
    let notifier: SystemdNotifier
    let eventLog: EventLogPump?
    let logger: Logger
    /// Where an accepted configuration goes: `PollService` waits on the other end.
    let configurations: AsyncStream<CablewatchConfiguration>.Continuation
    /// The SIGHUP sequence made before `READY=1` (`CablewatchDaemon`); nil makes one when the service starts.
    let hangups: UnixSignalsSequence?

    public init(
        configPath: String, environment: [String: String], state: DaemonState, notifier: SystemdNotifier,
        eventLog: EventLogPump?, logger: Logger, configurations: AsyncStream<CablewatchConfiguration>.Continuation,
        hangups: UnixSignalsSequence? = nil
    ) {
        self.configPath = configPath
        self.environment = environment
        self.state = state
        self.notifier = notifier
        self.eventLog = eventLog
        self.logger = logger
        self.configurations = configurations
        self.hangups = hangups
    }

    public func run() async throws {
        // The poll loop stops waiting for configurations once no reload can come.
        defer { configurations.finish() }
        let signals: UnixSignalsSequence
        if let hangups {
            signals = hangups
        } else {
            signals = await UnixSignalsSequence(trapping: .sighup)
        }
        for await _ in signals.cancelOnGracefulShutdown() {
            await reload()
        }
    }

    /// One reload. Returns the error when the new configuration was rejected.
    @discardableResult
    public func reload() async -> DaemonError? {
        notifier.send("RELOADING=1\nMONOTONIC_USEC=\(SystemdNotifier.monotonicMicroseconds())")
        logger.info("reloading configuration", metadata: ["path": "\(configPath)"])
        var rejection: DaemonError?
        do {
            let loaded = try CablewatchConfiguration.load(path: configPath, environment: environment, secrets: .read)
            let current = state.configuration
            for note in Self.restartOnlyChanges(from: current, to: loaded) {
                logger.warning(
                    "setting needs a restart to change; keeping the running value", metadata: ["key": "\(note)"])
            }
            let applied = Self.applicable(loaded, keeping: current)
            state.replaceConfiguration(applied)
            configurations.yield(applied)
            logger.info("configuration reloaded", metadata: ["interval": "\(loaded.poll.interval)"])
        } catch {
            rejection = DaemonError(.reloadRejected(path: configPath, reason: "\(error)"))
            logger.error("configuration rejected", metadata: ["error": "\(error)"])
        }
        await eventLog?.reopen()
        let status = rejection.map { "STATUS=\($0)" } ?? "STATUS=configuration reloaded"
        notifier.send("READY=1\n\(status)")
        return rejection
    }

    /// Keys whose change only a restart applies (the archive, the event log file, the metrics listener, the node name).
    static func restartOnlyChanges(from old: CablewatchConfiguration, to new: CablewatchConfiguration) -> [String] {
        var keys: [String] = []
        if old.storage != new.storage { keys.append("storage.path") }
        if old.events.log != new.events.log { keys.append("events.log") }
        if old.metrics != new.metrics { keys.append("metrics.listen") }
        // The leadership row and the database sessions carry the name the daemon started with.
        if old.cluster != new.cluster { keys.append("cluster.nodeName") }
        return keys
    }

    /// The new configuration with the restart-only keys kept at their running values.
    static func applicable(
        _ new: CablewatchConfiguration, keeping old: CablewatchConfiguration
    ) -> CablewatchConfiguration {
        var result = new
        result.storage = old.storage
        result.events.log = old.events.log
        result.metrics = old.metrics
        result.cluster = old.cluster
        return result
    }
}
