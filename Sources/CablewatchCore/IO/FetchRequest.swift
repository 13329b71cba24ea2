/// One page to GET, with the validators from the last time it was fetched (for a conditional request).
public struct FetchRequest: Sendable, Hashable {
    /// Absolute http(s) URL inside the allowed origin.
    public var url: String
    /// The `ETag` last seen for this URL; sent as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` last seen for this URL; sent as `If-Modified-Since`.
    public var lastModified: String?

    public init(url: String, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }
}
