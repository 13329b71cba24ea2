import Foundation

extension CablewatchConfiguration {
    /// How requests to the source are made (`http:`).
    public struct HTTPConfiguration: Sendable, Equatable, Decodable, ConfigurationMapping {
        /// The default `User-Agent`.
        public static let defaultUserAgent = "cablewatch/0.1 (+https://github.com/cablewatch/cablewatch)"
        /// Proxy URL schemes libcurl is allowed to use.
        public static let proxySchemes = ["http", "https", "socks5", "socks5h"]

        /// `User-Agent` header of every request (`http.userAgent`).
        public var userAgent: String
        /// Time allowed to establish a connection (`http.connectTimeout`).
        public var connectTimeout: Duration
        /// Time allowed for one whole request (`http.timeout`).
        public var timeout: Duration
        /// Requests in flight at once, 1…64 (`http.concurrency`).
        public var concurrency: Int
        /// Pause between two requests to the same host; zero allowed (`http.perHostDelay`).
        public var perHostDelay: Duration
        /// Largest response body accepted (`http.maxBodyBytes`).
        public var maxBodyBytes: Int
        /// Proxy for all requests, `nil` for none (`http.proxy`, empty = none).
        public var proxy: URL?

        /// Creates an HTTP configuration; the defaults are those of an empty `http:` section.
        public init(
            userAgent: String = Self.defaultUserAgent, connectTimeout: Duration = .seconds(10),
            timeout: Duration = .seconds(30), concurrency: Int = 4, perHostDelay: Duration = .milliseconds(250),
            maxBodyBytes: Int = 16_777_216, proxy: URL? = nil
        ) {
            self.userAgent = userAgent
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.concurrency = concurrency
            self.perHostDelay = perHostDelay
            self.maxBodyBytes = maxBodyBytes
            self.proxy = proxy
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case userAgent, connectTimeout, timeout, concurrency, perHostDelay, maxBodyBytes, proxy
        }

        /// Reads `http:`; a key left out keeps its default.
        public init(from decoder: any Decoder) throws {
            let section = try decoder.container(keyedBy: CodingKeys.self)
            self.init()
            if let value = try section.scalar(.userAgent) {
                userAgent = try value.string(expected: "a non-empty User-Agent text on one line")
            }
            if let value = try section.scalar(.connectTimeout) { connectTimeout = try value.duration(allowZero: false) }
            if let value = try section.scalar(.timeout) { timeout = try value.duration(allowZero: false) }
            if let value = try section.scalar(.concurrency) { concurrency = try value.integer(in: 1...64) }
            if let value = try section.scalar(.perHostDelay) { perHostDelay = try value.duration(allowZero: true) }
            if let value = try section.scalar(.maxBodyBytes) { maxBodyBytes = try value.integer(in: 1...Int.max) }
            if var value = try section.scalar(.proxy), !value.text.isEmpty {
                value.isURLWithSecrets = true
                proxy = try value.url(
                    schemes: Self.proxySchemes,
                    expected: "\"\" for none, or an http://, https://, socks5:// or socks5h:// URL,"
                        + " e.g. socks5h://127.0.0.1:9050")
            }
        }
    }
}
