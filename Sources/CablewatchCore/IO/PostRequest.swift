/// A webhook delivery: one POST with its own timeouts.
public struct PostRequest: Sendable {
    /// Absolute http(s) URL of the receiver.
    public var url: String
    /// Request headers in order (e.g. `content-type`, `webhook-id`, `webhook-signature`).
    public var headers: [(name: String, value: String)]
    /// The exact bytes to send (the signature covers them).
    public var body: [UInt8]
    /// Limit for establishing the connection.
    public var connectTimeout: Duration
    /// Limit for the whole exchange.
    public var timeout: Duration

    public init(
        url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(30)
    ) {
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}
