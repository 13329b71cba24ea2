import CablewatchPostgres
import CablewatchStore
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `cablewatch run`: loads the configuration, opens (and migrates) the archive, traps SIGHUP, builds
/// the services and runs them in a `ServiceGroup` until SIGTERM or SIGINT. Graceful shutdown stops the poll between
/// commits and is bounded (9 s, then cancellation), so systemd sees an exit 0 well within its 10 s.
public struct CablewatchDaemon: Sendable {
    public let configPath: String
    public let environment: [String: String]
    public let logger: Logger

    public init(configPath: String, environment: [String: String], logger: Logger) {
        self.configPath = configPath
        self.environment = environment
        self.logger = logger
    }

    /// Runs until stopped. Throws when start-up fails or a service fails (systemd then restarts the unit);
    /// `ArchiveWriterLockError` when another `run` or `poll` writes the archive.
    public func run() async throws {
        let notifier = SystemdNotifier(environment: environment)
        let configuration: CablewatchConfiguration
        do {
            configuration = try CablewatchConfiguration.load(path: configPath, environment: environment, secrets: .read)
        } catch {
            throw DaemonError(.startup("with \(configPath): \(error)"))
        }
        if configuration.storage.postgres != nil {
            try await runShared(configuration, notifier: notifier)
            return
        }
        // One writer per archive, from before the archive is opened (opening migrates) until the services stop.
        let claim = try await ArchiveWriterClaim.take(
            configuration.storage, node: configuration.cluster.effectiveNodeName, configPath: configPath,
            environment: environment, logger: logger)
        do {
            try await run(configuration, notifier: notifier)
        } catch {
            await claim.release()
            throw error
        }
        await claim.release()
    }

    /// The daemon on PostgreSQL, which other daemons may share: the archive is opened at once for reading (and
    /// migrated), but written only under the fence of a leadership term; `/metrics` and SIGHUP serve leader and
    /// standby alike, and `LeadershipService` runs the standby and each term.
    private func runShared(_ configuration: CablewatchConfiguration, notifier: SystemdNotifier) async throws {
        guard var server = configuration.storage.postgres else { return }
        let node = configuration.cluster.effectiveNodeName
        server.applicationName = "cablewatch \(node)"
        let fence = PostgresFence()
        let store: any ArchiveStoring
        do {
            server.password = try configuration.storage.readPassword(configPath: configPath, environment: environment)
            store = try await PostgresArchive.open(server, mode: .readWrite, fence: fence, logger: logger)
        } catch {
            throw DaemonError(.startup("the archive: \(error)"))
        }
        do {
            let eventLog = try await openEventLog(configuration, store: store)
            let hangups = await UnixSignalsSequence(trapping: .sighup)
            let state = DaemonState(configuration: configuration, role: .standby)
            let context = DaemonServices.Context(
                configPath: configPath, environment: environment, store: store, state: state, notifier: notifier,
                eventLog: eventLog, logger: logger, hangups: hangups)
            let (configurations, continuation) = AsyncStream.makeStream(
                of: CablewatchConfiguration.self, bufferingPolicy: .bufferingNewest(1))
            var services: [any Service] = []
            if let metrics = try DaemonServices.metrics(context) { services.append(metrics) }
            services.append(DaemonServices.reload(context, configurations: continuation))
            services.append(
                LeadershipService(
                    server: server, node: node, fence: fence, context: context, configurations: configurations))
            logger.info(
                "cablewatch starting",
                metadata: [
                    "config": "\(configPath)", "archive": "\(configuration.storage.location)", "pid": "\(getpid())",
                    "node": "\(node)",
                ])
            try await runGroup(services)
            logger.info("cablewatch stopped")
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    /// Runs `services` until SIGTERM or SIGINT, with a bounded graceful shutdown.
    private func runGroup(_ services: [any Service]) async throws {
        var groupConfiguration = ServiceGroupConfiguration(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(9)
        groupConfiguration.maximumCancellationDuration = .seconds(1)
        try await ServiceGroup(configuration: groupConfiguration).run()
    }

    private func run(_ configuration: CablewatchConfiguration, notifier: SystemdNotifier) async throws {
        let store: any ArchiveStoring
        do {
            store = try await configuration.storage.openArchive(
                mode: .readWrite, configPath: configPath, environment: environment, logger: logger)
        } catch {
            throw DaemonError(.startup("the archive: \(error)"))
        }
        do {
            try await serve(configuration, store: store, notifier: notifier)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    /// The event log pump of `events.log`, nil when none is configured; a log that cannot be opened stops start-up.
    private func openEventLog(_ configuration: CablewatchConfiguration, store: any ArchiveStoring) async throws
        -> EventLogPump?
    {
        guard let path = configuration.events.log else { return nil }
        do {
            return try await EventLogPump.open(path: path, store: store, logger: logger)
        } catch {
            throw DaemonError(.startup("the event log \(path): \(error)"))
        }
    }

    private func serve(_ configuration: CablewatchConfiguration, store: any ArchiveStoring, notifier: SystemdNotifier)
        async throws
    {
        let eventLog = try await openEventLog(configuration, store: store)
        // Trapped before the services start, as `PollService` sends READY=1 and `systemctl reload` may follow at once.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let state = DaemonState(configuration: configuration)
        let services = try DaemonServices.make(
            DaemonServices.Context(
                configPath: configPath, environment: environment, store: store, state: state, notifier: notifier,
                eventLog: eventLog, logger: logger, hangups: hangups))
        logger.info(
            "cablewatch starting",
            metadata: ["config": "\(configPath)", "archive": "\(configuration.storage.location)", "pid": "\(getpid())"])
        try await runGroup(services)
        logger.info("cablewatch stopped")
    }
}
