import CablewatchStore
import Logging
import ServiceLifecycle
import UnixSignals

/// Builds the daemon's services, in the order the `ServiceGroup` starts them (it stops them in reverse: the poll
/// loop first, the heartbeat last so it can record the clean stop).
public enum DaemonServices {
    /// What every service is built from.
    public struct Context: Sendable {
        public var configPath: String
        public var environment: [String: String]
        public var store: any ArchiveStoring
        public var state: DaemonState
        public var notifier: SystemdNotifier
        public var eventLog: EventLogPump?
        public var logger: Logger
        /// Watches the poll loop (`cablewatch demo`); nil for `cablewatch run`.
        public var pollObserver: PollObserver?
        /// SIGHUP, trapped before the services start (`cablewatch run`); nil lets `ReloadService` trap it itself.
        public var hangups: UnixSignalsSequence?

        public init(
            configPath: String, environment: [String: String], store: any ArchiveStoring, state: DaemonState,
            notifier: SystemdNotifier, eventLog: EventLogPump?, logger: Logger, pollObserver: PollObserver? = nil,
            hangups: UnixSignalsSequence? = nil
        ) {
            self.pollObserver = pollObserver
            self.hangups = hangups
            self.configPath = configPath
            self.environment = environment
            self.store = store
            self.state = state
            self.notifier = notifier
            self.eventLog = eventLog
            self.logger = logger
        }
    }

    /// The services, built in one place.
    public static func make(_ context: Context) throws -> [any Service] {
        var services: [any Service] = []
        // Only the newest configuration matters to the poll loop: each one is complete.
        let (configurations, continuation) = AsyncStream.makeStream(
            of: CablewatchConfiguration.self, bufferingPolicy: .bufferingNewest(1))
        services.append(heartbeat(context))
        if let metrics = try metrics(context) { services.append(metrics) }
        services.append(reload(context, configurations: continuation))
        services += try leaderWork(context, configurations: configurations)
        return services
    }

    /// Writes the heartbeat record and pings the watchdog: a leader's, since it writes.
    static func heartbeat(_ context: Context) -> HeartbeatService {
        HeartbeatService(store: context.store, state: context.state, notifier: context.notifier, logger: context.logger)
    }

    /// `/metrics`, when `metrics.listen` is set: leader and standby alike.
    static func metrics(_ context: Context) throws -> MetricsService? {
        guard let address = context.state.configuration.metrics.listen else { return nil }
        return try MetricsService(address: address, store: context.store, state: context.state, logger: context.logger)
    }

    /// SIGHUP, which reloads leader and standby alike; accepted configurations go to `configurations`.
    static func reload(_ context: Context, configurations: AsyncStream<CablewatchConfiguration>.Continuation)
        -> ReloadService
    {
        ReloadService(
            configPath: context.configPath, environment: context.environment, state: context.state,
            notifier: context.notifier, eventLog: context.eventLog, logger: context.logger,
            configurations: configurations, hangups: context.hangups)
    }

    /// What only the leader runs, in start order: webhook delivery, then the poll loop. `startStatus` is the
    /// `STATUS=` the poll loop sends with `READY=1`.
    static func leaderWork(
        _ context: Context, configurations: AsyncStream<CablewatchConfiguration>,
        startStatus: String = "first poll starting"
    ) throws -> [any Service] {
        var services: [any Service] = []
        // Webhook delivery comes before the poll loop, so that on shutdown the poll stops first and delivery gets
        // to finish its in-flight attempt.
        let configuration = context.state.configuration
        if let delivery = try configuration.deliveryService(store: context.store, logger: context.logger) {
            services.append(delivery)
        }
        services.append(
            PollService(
                store: context.store, state: context.state, notifier: context.notifier, eventLog: context.eventLog,
                logger: context.logger, configurations: configurations, observer: context.pollObserver,
                startStatus: startStatus))
        return services
    }
}
