/// A rendered response body with its validators.
public struct SitePage: Sendable {
    public let body: [UInt8]
    public let contentType: String
    /// Quoted, contains the build number.
    public let etag: String
    /// RFC 1123 date of the build.
    public let lastModified: String
    public let lastModifiedEpoch: Int
}
