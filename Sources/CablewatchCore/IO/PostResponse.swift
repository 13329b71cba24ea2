/// What a webhook receiver answered (any status, including 3xx, 4xx and 5xx).
public struct PostResponse: Sendable {
    /// Limit on how much of the response body is kept.
    public static let bodyPrefixLimit = 1024

    /// HTTP status code.
    public var status: Int
    /// Response headers, names lower-cased.
    public var headers: [String: String]
    /// The first `bodyPrefixLimit` bytes of the response body (for error reports).
    public var bodyPrefix: [UInt8]
    /// Time the exchange took.
    public var elapsed: Duration

    public init(status: Int, headers: [String: String] = [:], bodyPrefix: [UInt8] = [], elapsed: Duration = .zero) {
        self.status = status
        self.headers = headers
        self.bodyPrefix = bodyPrefix
        self.elapsed = elapsed
    }
}
