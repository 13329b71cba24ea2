/// What one libcurl transfer produced: the HTTP response of a single hop.
struct TransferResult: Sendable {
    var status: Int
    /// Lower-cased header names; repeated headers joined with ", ".
    var headers: [String: String]
    var body: [UInt8]
    /// The `Location` target resolved by libcurl against the request URL, for 3xx responses.
    var redirectURL: String?
    /// Header bytes plus encoded body bytes received.
    var bytesOnWire: Int
    var elapsed: Duration
    /// `Retry-After` in seconds, evaluated when the response arrived.
    var retryAfterSeconds: Int?
}
