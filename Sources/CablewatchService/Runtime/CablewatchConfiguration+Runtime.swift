import CablewatchCore
import CablewatchFetch

/// How the configuration maps onto the pieces the runtime builds.
extension CablewatchConfiguration {
    /// The source's base URL without a trailing slash.
    public var sourceBaseURL: String {
        var text = source.url.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// Settings for the libcurl fetcher.
    public var fetchConfiguration: FetchConfiguration {
        FetchConfiguration(
            allowedOrigin: sourceBaseURL, userAgent: http.userAgent, connectTimeout: http.connectTimeout,
            timeout: http.timeout, concurrency: http.concurrency, perHostDelay: http.perHostDelay,
            maxBodyBytes: http.maxBodyBytes, proxy: http.proxy?.absoluteString)
    }

    /// Settings for the sync engine.
    public var syncOptions: SyncOptions {
        SyncOptions(
            sourceURL: sourceBaseURL, homePath: source.home, revalidate: poll.revalidate,
            baselinePerCable: events.baselinePerCable, concurrency: http.concurrency,
            massRemoval: MassRemovalGuard(
                minimum: poll.massRemovalMinimum, fraction: poll.massRemovalPercent / 100, confirmAfter: poll.interval))
    }
}
