/// Why an HTTP exchange failed, with the method and URL it concerned.
public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failure classes callers act on (retry later, give up, report an anomaly).
    public enum Kind: Sendable, Equatable {
        /// The connect or total timeout elapsed.
        case timeout(after: Duration)
        /// No connection could be made (refused, DNS failure, proxy failure, TLS handshake).
        case connectionFailed
        /// The connection broke while sending or receiving.
        case connectionReset
        /// The body exceeded the configured limit (in bytes) and the transfer was aborted.
        case tooLarge(limit: Int)
        /// The server answered with a status ≥ 400, or a 3xx that was not followed.
        case httpStatus(Int, retryAfterSeconds: Int?)
        /// The URL, or a redirect target, is outside the allowed origin.
        case offOrigin(String)
        /// Only http and https are allowed.
        case unsupportedScheme
        /// The connection closed before the announced body length arrived.
        case truncatedBody
        /// The request was cancelled (task cancellation or fetcher shutdown).
        case cancelled
        /// Any other libcurl failure.
        case curl(code: Int32, message: String)
    }

    /// What went wrong.
    public var kind: Kind
    /// HTTP method of the failed exchange (`GET`, `POST`).
    public var method: String
    /// The URL that was requested (for a redirect failure: the hop that failed).
    public var url: String
    /// libcurl's own explanation, when there is one.
    public var detail: String?

    public init(_ kind: Kind, method: String = "GET", url: String, detail: String? = nil) {
        self.kind = kind
        self.method = method
        self.url = url
        self.detail = detail
    }

    /// One line: `GET http://127.0.0.1:8080/x: timed out after 30s`.
    public var description: String {
        let what: String
        switch kind {
        case .timeout(let after): what = "timed out after \(formatted(after))"
        case .connectionFailed: what = "connection failed"
        case .connectionReset: what = "connection reset"
        case .tooLarge(let limit): what = "body larger than \(limit) bytes"
        case .httpStatus(let status, let retryAfter?): what = "HTTP \(status), retry after \(retryAfter)s"
        case .httpStatus(let status, nil): what = "HTTP \(status)"
        case .offOrigin(let target): what = "\(target) is outside the allowed origin"
        case .unsupportedScheme: what = "only http and https are supported"
        case .truncatedBody: what = "body truncated (connection closed early)"
        case .cancelled: what = "cancelled"
        case .curl(let code, let message): what = "curl error \(code): \(message)"
        }
        let suffix = detail.map { " (\($0))" } ?? ""
        return "\(method) \(url): \(what)\(suffix)"
    }
}

/// `30s`, `1.5s`, `250ms`: the shortest exact rendering of a timeout.
private func formatted(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
    if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
    if milliseconds >= 1000 && milliseconds % 100 == 0 { return "\(milliseconds / 1000).\(milliseconds % 1000 / 100)s" }
    return "\(milliseconds)ms"
}
