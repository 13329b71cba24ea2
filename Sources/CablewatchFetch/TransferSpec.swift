/// Everything one libcurl transfer needs: method, URL, headers, limits and proxy.
struct TransferSpec: Sendable {
    /// GET (with content decoding) or POST with a body.
    enum Method: Sendable {
        case get
        case post(body: [UInt8])

        var name: String {
            switch self {
            case .get: "GET"
            case .post: "POST"
            }
        }
    }

    /// How the response body is kept.
    enum BodyLimit: Sendable {
        /// Abort the transfer with `.tooLarge` once the decoded body exceeds this many bytes.
        case abortAbove(Int)
        /// Keep only this many leading bytes, read and discard the rest.
        case keepPrefix(Int)

        /// The most body bytes a transfer keeps.
        var bytes: Int {
            switch self {
            case .abortAbove(let limit), .keepPrefix(let limit): limit
            }
        }
    }

    var method: Method
    var url: String
    /// Extra request header lines, `Name: value`.
    var headerLines: [String]
    var userAgent: String
    var connectTimeout: Duration
    var timeout: Duration
    var proxy: String?
    var bodyLimit: BodyLimit
}
