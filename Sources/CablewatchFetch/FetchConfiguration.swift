/// How the fetcher talks to the source: identity, limits, politeness, proxy and the one allowed origin.
public struct FetchConfiguration: Sendable {
    /// Sent as `User-Agent` on every request; say who you are (`cablewatch/1.0 (+https://…)`).
    public var userAgent: String
    /// Limit for establishing a connection (including proxy and TLS handshakes).
    public var connectTimeout: Duration
    /// Limit for a whole transfer (one redirect hop).
    public var timeout: Duration
    /// Transfers in flight at once (worker threads, each with its own keep-alive connection).
    public var concurrency: Int
    /// Minimum spacing between the starts of two requests to the same host; zero allowed.
    public var perHostDelay: Duration
    /// Largest decoded body accepted; a longer transfer is aborted with `.tooLarge`.
    public var maxBodyBytes: Int
    /// Proxy URL (`socks5h://127.0.0.1:9050`, `http://proxy:3128`); nil means none, also ignoring `*_proxy`.
    public var proxy: String?
    /// Base URL of the source; every request and redirect must stay on its scheme, host and port.
    public var allowedOrigin: String
    /// Same-origin redirects followed per fetch before giving up with `.httpStatus(3xx)`.
    public var maxRedirects: Int
    /// Longest a `Retry-After` on 429/503 holds further requests to that host.
    public var maxRetryAfterHold: Duration

    public init(
        allowedOrigin: String, userAgent: String, connectTimeout: Duration = .seconds(10),
        timeout: Duration = .seconds(30), concurrency: Int = 4, perHostDelay: Duration = .milliseconds(250),
        maxBodyBytes: Int = 16 * 1024 * 1024, proxy: String? = nil, maxRedirects: Int = 5,
        maxRetryAfterHold: Duration = .seconds(600)
    ) {
        self.allowedOrigin = allowedOrigin
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.concurrency = concurrency
        self.perHostDelay = perHostDelay
        self.maxBodyBytes = maxBodyBytes
        self.proxy = proxy
        self.maxRedirects = maxRedirects
        self.maxRetryAfterHold = maxRetryAfterHold
    }
}
