import CablewatchCore
import Foundation

/// Sends webhook POSTs over libcurl; redirects are returned, never followed.
///
/// Each receiver origin gets one worker thread with one easy handle, started on its first POST. Deliveries to an
/// endpoint are sequential anyway, so one handle per origin keeps every POST to a receiver on one keep-alive
/// connection, while receivers at different origins never wait for each other. A shared pool would hand a POST to
/// whichever worker is idle: a second connection, which a receiver that serves one keep-alive connection at a time
/// leaves in its backlog until the request times out. (libcurl's shared connection cache, `CURL_LOCK_DATA_CONNECT`, is
/// not thread-safe: a known bug in the libcurl these machines ship.) All mutable state is guarded by `lock`.
public final class CurlTransport: HTTPTransport, @unchecked Sendable {
    private let userAgent: String
    private let proxy: String?
    private let lock = NSLock()
    private var workers: [URLOrigin: CurlWorkerPool] = [:]
    private var isShutDown = false

    /// `proxy` as in `FetchConfiguration` (nil: none).
    public init(userAgent: String, proxy: String? = nil) throws(FetchError) {
        if let failure = CurlGlobal.ensureInitialized() {
            throw FetchError(
                .curl(code: Int32(bitPattern: failure.rawValue), message: "curl_global_init failed"), method: "POST",
                url: "")
        }
        self.userAgent = userAgent
        self.proxy = proxy
    }

    deinit {
        shutdown()
    }

    /// Aborts running POSTs, fails queued ones with `.cancelled` and joins the worker threads; later POSTs fail
    /// with `.cancelled`. Every origin's worker is told to stop before any is waited for, so the wait is that of
    /// the slowest transfer to abort, not the sum.
    /// Blocks the caller: for synchronous contexts; async code calls `stop()`.
    public func shutdown() {
        for worker in beginShutdown() { worker.waitUntilStopped() }
    }

    /// Like `shutdown()`, but waits for the worker threads to exit without holding a thread of the concurrency
    /// pool.
    public func stop() async {
        for worker in beginShutdown() { await worker.stopped() }
    }

    /// Refuses later POSTs and tells every origin's worker to stop; returns the workers to wait for.
    private func beginShutdown() -> [CurlWorkerPool] {
        let stopping = lock.withLock {
            isShutDown = true
            defer { workers = [:] }
            return Array(workers.values)
        }
        for worker in stopping { worker.beginShutdown() }
        return stopping
    }

    public func post(_ request: PostRequest) async throws(FetchError) -> PostResponse {
        guard let origin = URLOrigin(url: request.url) else {
            throw FetchError(.unsupportedScheme, method: "POST", url: request.url)
        }
        let worker = try self.worker(for: origin, url: request.url)
        let spec = TransferSpec(
            method: .post(body: request.body), url: request.url,
            headerLines: request.headers.map { "\($0.name): \($0.value)" }, userAgent: userAgent,
            connectTimeout: request.connectTimeout, timeout: request.timeout, proxy: proxy,
            bodyLimit: .keepPrefix(PostResponse.bodyPrefixLimit))
        let outcome = await worker.run(hostKey: nil) { easy, cancellation in
            easy.perform(spec, cancellation: cancellation)
        }
        guard let outcome else { throw FetchError(.cancelled, method: "POST", url: request.url) }
        switch outcome {
        case .success(let result):
            return PostResponse(
                status: result.status, headers: result.headers, bodyPrefix: result.body, elapsed: result.elapsed)
        case .failure(let error):
            throw error
        }
    }

    /// The origin's worker, started on first use.
    private func worker(for origin: URLOrigin, url: String) throws(FetchError) -> CurlWorkerPool {
        let worker: Result<CurlWorkerPool, FetchError> = lock.withLock {
            if isShutDown { return .failure(FetchError(.cancelled, method: "POST", url: url)) }
            if let existing = workers[origin] { return .success(existing) }
            guard let started = CurlWorkerPool(threadCount: 1, perHostDelay: .zero, name: "cablewatch-post") else {
                return .failure(FetchError(.curl(code: -1, message: "curl_easy_init failed"), method: "POST", url: url))
            }
            workers[origin] = started
            return .success(started)
        }
        return try worker.get()
    }
}
