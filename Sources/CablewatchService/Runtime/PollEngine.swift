import CablewatchFetch
import CablewatchNotify
import CablewatchStore
import Logging

/// A poll wired from one configuration: the fetcher, the sync engine and the `PollRunner` around them, and, when
/// each poll also delivers what is due, the webhook client. The one place a poll is built, for `cablewatch poll`
/// (`OneShotPoll`) and the daemon's loop (`PollService`, which rebuilds it when a reload changes the source or the
/// HTTP settings).
struct PollEngine: Sendable {
    let fetcher: CurlFetcher
    let runner: PollRunner
    /// The webhook client, when each poll delivers (`cablewatch poll`; the daemon delivers in `DeliveryService`).
    let transport: CurlTransport?
    /// The configuration parts it was built from.
    let source: CablewatchConfiguration.SourceConfiguration
    let http: CablewatchConfiguration.HTTPConfiguration
    let syncOptions: SyncOptionsKey

    /// The sync options that matter for a rebuild, comparable.
    struct SyncOptionsKey: Equatable {
        var revalidate: Duration
        var baselinePerCable: Bool
    }

    /// - Parameters:
    ///   - eventLog: written after each poll (the daemon's loop writes it itself, after the source-health events).
    ///   - deliversWebhooks: whether each poll ends by delivering what is due to the configured webhooks.
    ///   - logsFailedPoll: false where the caller prints the failure itself (`cablewatch poll`).
    init(
        configuration: CablewatchConfiguration, store: any ArchiveStoring, eventLog: EventLogPump? = nil,
        deliversWebhooks: Bool = false, logsFailedPoll: Bool = true, logger: Logger
    ) throws(DaemonError) {
        do {
            fetcher = try CurlFetcher(configuration: configuration.fetchConfiguration, logger: logger)
        } catch {
            throw DaemonError(.startup("the HTTP client: \(error)"))
        }
        let engine: SyncEngine
        do {
            engine = try SyncEngine(store: store, fetcher: fetcher, options: configuration.syncOptions, logger: logger)
        } catch {
            fetcher.shutdown()
            throw DaemonError(.startup("the sync engine: \(error)"))
        }
        var transport: CurlTransport?
        var deliverer: WebhookDeliverer?
        if deliversWebhooks && !configuration.webhooks.isEmpty {
            do {
                let webhookTransport = try configuration.webhookTransport()
                transport = webhookTransport
                deliverer = try configuration.webhookDeliverer(
                    store: store, transport: webhookTransport, logger: logger)
            } catch {
                fetcher.shutdown()
                transport?.shutdown()
                throw DaemonError(.startup("webhook delivery: \(error)"))
            }
        }
        runner = PollRunner(
            store: store, engine: engine, eventLog: eventLog, deliverer: deliverer, logger: logger,
            logsFailedPoll: logsFailedPoll)
        self.transport = transport
        source = configuration.source
        http = configuration.http
        syncOptions = Self.key(configuration)
    }

    /// Whether `configuration` needs a new engine.
    func isStale(for configuration: CablewatchConfiguration) -> Bool {
        configuration.source != source || configuration.http != http || Self.key(configuration) != syncOptions
    }

    /// Stops the HTTP clients (without blocking a pool thread).
    func stop() async {
        await fetcher.stop()
        await transport?.stop()
    }

    private static func key(_ configuration: CablewatchConfiguration) -> SyncOptionsKey {
        SyncOptionsKey(
            revalidate: configuration.poll.revalidate, baselinePerCable: configuration.events.baselinePerCable)
    }
}
