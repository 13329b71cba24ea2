import CablewatchCore
import Foundation
import Logging

/// Fetches the source's pages over libcurl: conditional GET, gzip, timeouts, a body cap, an optional proxy,
/// bounded concurrency, per-host politeness, Retry-After holds and same-origin redirects only.
///
/// Transfers run on `concurrency` dedicated threads, never on the Swift concurrency pool. Call `shutdown()`
/// (or drop the last reference) to stop them.
public final class CurlFetcher: PageFetching {
    /// The configuration this fetcher was built with.
    public let configuration: FetchConfiguration
    /// The origin every request and redirect must stay on.
    public let originPolicy: OriginPolicy
    private let pool: CurlWorkerPool
    private let counters = FetchCounters()
    private let logger: Logger

    /// Starts the worker threads; fails when the allowed origin is not an http(s) URL or libcurl cannot start.
    public init(configuration: FetchConfiguration, logger: Logger = Logger(label: "cablewatch.fetch"))
        throws(FetchError)
    {
        guard let policy = OriginPolicy(baseURL: configuration.allowedOrigin) else {
            throw FetchError(.unsupportedScheme, url: configuration.allowedOrigin, detail: "allowed origin")
        }
        if let failure = CurlGlobal.ensureInitialized() {
            throw FetchError(
                .curl(code: Int32(bitPattern: failure.rawValue), message: "curl_global_init failed"),
                url: configuration.allowedOrigin)
        }
        guard
            let pool = CurlWorkerPool(
                threadCount: configuration.concurrency, perHostDelay: configuration.perHostDelay,
                name: "cablewatch-fetch")
        else {
            throw FetchError(.curl(code: -1, message: "curl_easy_init failed"), url: configuration.allowedOrigin)
        }
        self.configuration = configuration
        self.originPolicy = policy
        self.pool = pool
        self.logger = logger
    }

    deinit {
        pool.shutdown()
    }

    /// How many transfer threads this fetcher has started: one per concurrent transfer, up to `concurrency`.
    var startedThreadCount: Int { pool.startedThreadCount }

    /// What this fetcher has put on the wire so far.
    public var stats: FetchStatistics {
        counters.snapshot
    }

    /// Aborts running transfers, fails queued ones with `.cancelled` and joins the worker threads.
    /// Blocks the caller until the threads have exited: for synchronous contexts (a `defer`, an initializer's
    /// error path); async code calls `stop()`.
    public func shutdown() {
        pool.shutdown()
    }

    /// Like `shutdown()`, but waits for the worker threads to exit without holding a thread of the concurrency
    /// pool (an aborting transfer may take up to a second to notice).
    public func stop() async {
        pool.beginShutdown()
        await pool.stopped()
    }

    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        guard originPolicy.allows(request.url) else { throw rejection(of: request.url) }
        var url = request.url
        var conditionalHeaders: [String] = []
        if let etag = request.etag { conditionalHeaders.append("If-None-Match: \(etag)") }
        if let lastModified = request.lastModified { conditionalHeaders.append("If-Modified-Since: \(lastModified)") }
        var bytesOnWire = 0
        var elapsed = Duration.zero
        var redirects = 0
        while true {
            let result = try await transfer(url: url, headerLines: conditionalHeaders)
            bytesOnWire += result.bytesOnWire
            elapsed += result.elapsed
            switch result.status {
            case 200..<300, 304:
                return response(to: result, url: url, bytesOnWire: bytesOnWire, elapsed: elapsed)
            case 301, 302, 303, 307, 308:
                guard redirects < configuration.maxRedirects,
                    let target = result.redirectURL
                        ?? result.headers["location"].flatMap({ originPolicy.resolve($0, relativeTo: url) })
                else { throw FetchError(.httpStatus(result.status, retryAfterSeconds: nil), url: url) }
                guard originPolicy.allows(target) else {
                    logger.warning("Refused off-origin redirect", metadata: ["url": "\(url)", "location": "\(target)"])
                    throw FetchError(.offOrigin(target), url: url)
                }
                url = target
                redirects += 1
                conditionalHeaders = []  // the validators belong to the first URL
            default:
                throw FetchError(.httpStatus(result.status, retryAfterSeconds: result.retryAfterSeconds), url: url)
            }
        }
    }

    /// One hop on a worker thread, paced per host; counts it and applies a Retry-After hold before the worker
    /// takes its next job.
    private func transfer(url: String, headerLines: [String]) async throws(FetchError) -> TransferResult {
        let hostKey = URLOrigin(url: url)?.description
        let spec = TransferSpec(
            method: .get, url: url, headerLines: headerLines, userAgent: configuration.userAgent,
            connectTimeout: configuration.connectTimeout, timeout: configuration.timeout, proxy: configuration.proxy,
            bodyLimit: .abortAbove(configuration.maxBodyBytes))
        let pool = self.pool
        let maxHold = configuration.maxRetryAfterHold
        let counters = self.counters
        let outcome = await pool.run(hostKey: hostKey) { easy, cancellation in
            let result = easy.perform(spec, cancellation: cancellation)
            switch result {
            case .success(let transfer):
                if transfer.status == 429 || transfer.status == 503, let hostKey,
                    let seconds = transfer.retryAfterSeconds
                {
                    pool.hold(hostKey: hostKey, for: min(.seconds(seconds), maxHold))
                }
                counters.recordResponse(status: transfer.status, bytesOnWire: transfer.bytesOnWire)
            case .failure:
                counters.recordFailure(bytesOnWire: easy.bytesReceivedByLastTransfer)
            }
            return result
        }
        guard let outcome else { throw FetchError(.cancelled, url: url) }
        switch outcome {
        case .success(let result):
            logger.debug(
                "Fetched", metadata: ["url": "\(url)", "status": "\(result.status)", "bytes": "\(result.bytesOnWire)"])
            return result
        case .failure(let error):
            logger.debug("Fetch failed", metadata: ["url": "\(url)", "error": "\(error)"])
            throw error
        }
    }

    private func response(to result: TransferResult, url: String, bytesOnWire: Int, elapsed: Duration)
        -> FetchResponse
    {
        FetchResponse(
            status: result.status, url: url, headers: result.headers, body: result.status == 304 ? [] : result.body,
            etag: result.headers["etag"], lastModified: result.headers["last-modified"],
            retryAfterSeconds: result.retryAfterSeconds,
            cacheMaxAgeSeconds: CacheControl.maxAge(from: result.headers["cache-control"]),
            bytesOnWire: bytesOnWire, elapsed: elapsed)
    }

    private func rejection(of url: String) -> FetchError {
        let lowered = url.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            return FetchError(.offOrigin(url), url: url)
        }
        return FetchError(.unsupportedScheme, url: url)
    }
}
