/// Conditional-GET validators and body hash remembered for a URL.
public struct FetchCacheEntry: Sendable, Hashable {
    public var url: String
    public var etag: String?
    public var lastModified: String?
    public var bodySHA256: String?

    public init(url: String, etag: String?, lastModified: String?, bodySHA256: String?) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.bodySHA256 = bodySHA256
    }
}
