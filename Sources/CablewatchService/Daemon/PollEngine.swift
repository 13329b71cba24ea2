import CablewatchFetch
import CablewatchStore
import Logging

/// The fetcher and poll runner built from one configuration; rebuilt when a reload changes the source or the HTTP
/// settings.
struct PollEngine: Sendable {
    let fetcher: CurlFetcher
    let runner: PollRunner
    /// The configuration parts it was built from.
    let source: CablewatchConfiguration.SourceConfiguration
    let http: CablewatchConfiguration.HTTPConfiguration
    let syncOptions: SyncOptionsKey

    /// The sync options that matter for a rebuild, comparable.
    struct SyncOptionsKey: Equatable {
        var revalidate: Duration
        var baselinePerCable: Bool
    }

    init(configuration: CablewatchConfiguration, store: ArchiveStore, logger: Logger) throws(DaemonError) {
        do {
            fetcher = try CurlFetcher(configuration: configuration.fetchConfiguration, logger: logger)
        } catch {
            throw DaemonError(.startup("the HTTP client: \(error)"))
        }
        do {
            let engine = try SyncEngine(
                store: store, fetcher: fetcher, options: configuration.syncOptions, logger: logger)
            runner = PollRunner(store: store, engine: engine, eventLog: nil, logger: logger)
        } catch {
            fetcher.shutdown()
            throw DaemonError(.startup("the sync engine: \(error)"))
        }
        source = configuration.source
        http = configuration.http
        syncOptions = Self.key(configuration)
    }

    /// Whether `configuration` needs a new engine.
    func isStale(for configuration: CablewatchConfiguration) -> Bool {
        configuration.source != source || configuration.http != http || Self.key(configuration) != syncOptions
    }

    private static func key(_ configuration: CablewatchConfiguration) -> SyncOptionsKey {
        SyncOptionsKey(
            revalidate: configuration.poll.revalidate, baselinePerCable: configuration.events.baselinePerCable)
    }
}
