import CablewatchCore
import CablewatchFetch

/// The User-Agent the tests configure and expect to see on the wire.
let testUserAgent = "cablewatch-tests/1.0 (+https://example.org/cablewatch)"

/// A fetcher for `server` with fast test timeouts; `adjust` changes the rest.
func makeFetcher(
    for server: TestServer, _ adjust: (inout FetchConfiguration) -> Void = { _ in }
) throws -> CurlFetcher {
    var configuration = FetchConfiguration(
        allowedOrigin: server.baseURL + "/", userAgent: testUserAgent, connectTimeout: .seconds(1),
        timeout: .seconds(1), concurrency: 2, perHostDelay: .zero, maxBodyBytes: 1024 * 1024)
    adjust(&configuration)
    return try CurlFetcher(configuration: configuration)
}

/// Runs `body` and returns the `FetchError` it threw, or nil when it did not throw.
func fetchError<T>(_ body: () async throws(FetchError) -> T) async -> FetchError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}
