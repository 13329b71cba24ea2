/// Counters of what a fetcher put on the wire since it started.
public struct FetchStatistics: Sendable, Equatable {
    /// Transfers performed; every redirect hop is one (requests rejected before sending are not).
    public var requests: Int = 0
    /// Transfers that got an HTTP response, by status code.
    public var responsesByStatus: [Int: Int] = [:]
    /// Transfers that ended without an HTTP response (timeout, reset, too large, …).
    public var failures: Int = 0
    /// Bytes received: headers plus (encoded) bodies.
    public var bytesOnWire: Int = 0

    public init() {}
}
