import CablegateSim
import CablewatchCore
import CablewatchNotify
import CablewatchService
import CablewatchStore
import Foundation
import Logging
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// `cablewatch demo` (the `cablewatch-demo` executable): the main job in one process, with no configuration and no
/// network. It starts the bundled simulated source (`CablegateSim`) on 127.0.0.1, a throwaway folder with a
/// generated configuration, and a local webhook receiver that verifies every signature; then runs the daemon's own
/// services against them while `DemoPublisher` publishes a build every few seconds. Stops on SIGINT/SIGTERM (or,
/// with `exitAfterLastBuild`, by itself) and leaves the folder for the user to explore. Progress goes to `report`;
/// nothing is printed here.
public struct CablewatchDemo: Sendable {
    /// The name of the webhook in the generated configuration.
    static let webhookName = "demo"

    public let options: DemoOptions
    public let logger: Logger
    let report: @Sendable (DemoUpdate) -> Void

    public init(options: DemoOptions, logger: Logger, report: @escaping @Sendable (DemoUpdate) -> Void) {
        self.options = options
        self.logger = logger
        self.report = report
    }

    /// Runs the demo until it is stopped and returns what it left behind. Throws when it cannot start.
    public func run() async throws -> DemoSummary {
        try validate()
        let directory = try Self.makeDirectory(in: options.parentDirectory)
        // The schedule's build 0 is a token first release (2 % of the cables); the demo's source starts at build 1,
        // so the baseline is a real release worth a progress bar, and publishes `builds - 1` more after it.
        let site = SimSite(
            configuration: SimSiteConfiguration(
                cables: options.cables, seed: options.seed, builds: options.builds + 1),
            build: 1)
        let server: SimServer
        do {
            server = try SimServer(site: site, port: options.port)
        } catch {
            throw DaemonError(.startup("the simulated source on port \(options.port): \(error)"))
        }
        server.start()
        defer { server.stop() }

        let tracker = DemoTracker()
        let report = self.report
        let secret = try Self.makeSecret()
        let receiver = try DemoWebhookReceiver(verifier: try Self.verifier(secret)) { update in
            if case .alertVerified = update { tracker.recordAlert(verified: true) }
            if case .alertRejected = update { tracker.recordAlert(verified: false) }
            report(update)
        }
        let setup = DemoSetup(
            directory: directory, configPath: directory + "/cablewatch.yaml",
            archivePath: directory + "/archive.sqlite3", eventLogPath: directory + "/events.jsonl",
            sourceURL: server.baseURL, webhookURL: receiver.url, cables: options.cables,
            firstBuild: site.currentBuild, lastBuild: site.lastBuild, interval: options.interval)
        let configuration = try Self.writeConfiguration(setup, secret: secret)
        let store: ArchiveStore
        let eventLog: EventLogPump
        // The demo's folder is a real archive that a `poll` on its configuration could write too.
        let lock = try ArchiveWriterLock(archivePath: setup.archivePath)
        defer { lock.release() }
        do {
            store = try ArchiveStore(path: setup.archivePath)
            eventLog = try await EventLogPump.open(path: setup.eventLogPath, store: store, logger: logger)
        } catch {
            throw DaemonError(.startup("the demo archive in \(directory): \(error)"))
        }

        // The demo never talks to systemd and ignores CABLEWATCH_* overrides: it runs the same everywhere.
        let state = DaemonState(configuration: configuration)
        let observer = PollObserver(
            progress: { progress in
                if !tracker.snapshot.baselineDone { report(.baselineProgress(progress)) }
            },
            finished: { outcome in
                let succeeded = (try? outcome.get()) != nil
                let isBaseline = tracker.recordPoll(succeeded: succeeded)
                guard isBaseline || !succeeded || (try? outcome.get())?.outcome == .ok else { return }
                report(
                    .pollFinished(
                        DemoPollResult(
                            isBaseline: isBaseline, seconds: Self.seconds(state.snapshot.lastPollDuration),
                            outcome: outcome)))
            })
        let daemonServices = try DaemonServices.make(
            DaemonServices.Context(
                configPath: setup.configPath, environment: [:], store: store, state: state,
                notifier: SystemdNotifier(environment: [:]), eventLog: eventLog, logger: logger,
                pollObserver: observer))
        let publisher = DemoPublisher(
            server: server, tracker: tracker, state: state, store: store, webhookName: Self.webhookName,
            interval: options.interval,
            exitAfterLastBuild: options.exitAfterLastBuild, report: report)

        // The receiver starts first and stops last, so delivery can finish; the publisher stops first, and its
        // return (with exitAfterLastBuild) shuts the demo down gracefully.
        var services = [ServiceGroupConfiguration.ServiceConfiguration(service: receiver)]
        services += daemonServices.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }
        services.append(
            ServiceGroupConfiguration.ServiceConfiguration(
                service: publisher, successTerminationBehavior: .gracefullyShutdownGroup))
        var groupConfiguration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(9)
        groupConfiguration.maximumCancellationDuration = .seconds(1)
        report(.started(setup))
        try await ServiceGroup(configuration: groupConfiguration).run()

        let status = try? await store.status()
        let figures = tracker.snapshot
        return DemoSummary(
            setup: setup, build: server.site.currentBuild, sourceReleased: server.site.counter.released,
            sourceTotal: server.site.counter.total, archivedCables: status?.archive.cables ?? 0,
            revisions: status?.archive.revisions ?? 0, removed: status?.archive.removed ?? 0,
            events: status?.events.lastSeq ?? 0, polls: figures.polls, alertsVerified: figures.alertsVerified,
            alertsRejected: figures.alertsRejected)
    }

    private func validate() throws(DaemonError) {
        guard options.cables >= 1 else { throw DaemonError(.startup("the demo: --cables must be at least 1")) }
        guard options.builds >= 2 else { throw DaemonError(.startup("the demo: --builds must be at least 2")) }
        guard options.interval > .zero else {
            throw DaemonError(.startup("the demo: --interval must be more than 0 seconds"))
        }
        guard (0...65_535).contains(options.port) else {
            throw DaemonError(.startup("the demo: --port must be 0...65535"))
        }
    }

    /// Creates `PARENT/cablewatch-demo-XXXXXX`.
    static func makeDirectory(in parent: String) throws(DaemonError) -> String {
        var trimmed = parent
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        var template = Array((trimmed + "/cablewatch-demo-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard created != nil else {
            throw DaemonError(.startup("a demo folder in \(trimmed): errno \(errno)"))
        }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A duration in seconds (0 for none).
    static func seconds(_ duration: Duration?) -> Double {
        duration?.timeInterval ?? 0
    }

    /// A fresh random signing secret.
    static func makeSecret() throws(DaemonError) -> WebhookSecret {
        var generator = SystemRandomNumberGenerator()
        do {
            return try WebhookSecret(keyBytes: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        } catch {
            throw DaemonError(.startup("the demo's webhook secret: \(error)"))
        }
    }

    static func verifier(_ secret: WebhookSecret) throws(DaemonError) -> WebhookVerifier {
        do {
            return try WebhookVerifier(secrets: [secret])
        } catch {
            throw DaemonError(.startup("the demo's webhook verifier: \(error)"))
        }
    }

    /// Writes the secret (mode 0600) and the YAML configuration, and loads it back the way `cablewatch run` does.
    static func writeConfiguration(_ setup: DemoSetup, secret: WebhookSecret) throws(DaemonError)
        -> CablewatchConfiguration
    {
        let secretPath = setup.directory + "/webhook.secret"
        let yaml = DemoConfigurationFile.yaml(
            sourceURL: setup.sourceURL, archivePath: setup.archivePath, eventLogPath: setup.eventLogPath,
            webhookURL: setup.webhookURL, secretPath: secretPath)
        let wroteSecret = FileManager.default.createFile(
            atPath: secretPath, contents: Data((secret.encoded + "\n").utf8), attributes: [.posixPermissions: 0o600])
        let wroteConfiguration = FileManager.default.createFile(
            atPath: setup.configPath, contents: Data(yaml.utf8), attributes: [.posixPermissions: 0o644])
        guard wroteSecret, wroteConfiguration else {
            throw DaemonError(.startup("the demo configuration in \(setup.directory)"))
        }
        do {
            return try CablewatchConfiguration.load(path: setup.configPath, environment: [:], secrets: .read)
        } catch {
            throw DaemonError(.startup("the demo configuration \(setup.configPath): \(error)"))
        }
    }
}
