/// A completed GET: a 2xx with its decoded body, or a 304 with an empty body.
public struct FetchResponse: Sendable {
    /// HTTP status code of the final response (after same-origin redirects).
    public var status: Int
    /// The final URL (after same-origin redirects).
    public var url: String
    /// Response headers, names lower-cased; repeated headers are joined with ", ".
    public var headers: [String: String]
    /// The body after content decoding (gunzipped); empty for a 304.
    public var body: [UInt8]
    /// The `ETag` header, if any.
    public var etag: String?
    /// The `Last-Modified` header, if any.
    public var lastModified: String?
    /// Seconds from a `Retry-After` header, if any (delay-seconds or an HTTP-date turned into seconds).
    public var retryAfterSeconds: Int?
    /// `max-age` from a `Cache-Control` header, if any.
    public var cacheMaxAgeSeconds: Int?
    /// Bytes received over the network for this fetch (headers plus encoded bodies, all redirect hops).
    public var bytesOnWire: Int
    /// Time spent in transfers for this fetch (all redirect hops, queueing excluded).
    public var elapsed: Duration

    /// True when the server answered 304 Not Modified to a conditional request.
    public var notModified: Bool { status == 304 }

    public init(
        status: Int, url: String, headers: [String: String] = [:], body: [UInt8] = [], etag: String? = nil,
        lastModified: String? = nil, retryAfterSeconds: Int? = nil, cacheMaxAgeSeconds: Int? = nil,
        bytesOnWire: Int = 0, elapsed: Duration = .zero
    ) {
        self.status = status
        self.url = url
        self.headers = headers
        self.body = body
        self.etag = etag
        self.lastModified = lastModified
        self.retryAfterSeconds = retryAfterSeconds
        self.cacheMaxAgeSeconds = cacheMaxAgeSeconds
        self.bytesOnWire = bytesOnWire
        self.elapsed = elapsed
    }
}
