import CablewatchCore
import Foundation

/// Sends webhook POSTs over libcurl on its own worker threads; redirects are returned, never followed.
public final class CurlTransport: HTTPTransport {
    private let userAgent: String
    private let proxy: String?
    private let pool: CurlWorkerPool

    /// Starts `concurrency` worker threads; `proxy` as in `FetchConfiguration` (nil: none).
    public init(userAgent: String, concurrency: Int = 2, proxy: String? = nil) throws(FetchError) {
        if let failure = CurlGlobal.ensureInitialized() {
            throw FetchError(
                .curl(code: Int32(bitPattern: failure.rawValue), message: "curl_global_init failed"), method: "POST",
                url: "")
        }
        guard let pool = CurlWorkerPool(threadCount: concurrency, perHostDelay: .zero, name: "cablewatch-post")
        else { throw FetchError(.curl(code: -1, message: "curl_easy_init failed"), method: "POST", url: "") }
        self.userAgent = userAgent
        self.proxy = proxy
        self.pool = pool
    }

    deinit {
        pool.shutdown()
    }

    /// Aborts running POSTs, fails queued ones with `.cancelled` and joins the worker threads.
    public func shutdown() {
        pool.shutdown()
    }

    public func post(_ request: PostRequest) async throws(FetchError) -> PostResponse {
        guard URLOrigin(url: request.url) != nil else {
            throw FetchError(.unsupportedScheme, method: "POST", url: request.url)
        }
        let spec = TransferSpec(
            method: .post(body: request.body), url: request.url,
            headerLines: request.headers.map { "\($0.name): \($0.value)" }, userAgent: userAgent,
            connectTimeout: request.connectTimeout, timeout: request.timeout, proxy: proxy,
            bodyLimit: .keepPrefix(PostResponse.bodyPrefixLimit))
        let outcome = await pool.run(hostKey: nil) { easy, cancellation in
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
}
