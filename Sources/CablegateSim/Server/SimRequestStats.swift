/// Requests the server answered (control endpoints excluded): the JSON of `GET /_sim/stats`.
public struct SimRequestStats: Sendable, Hashable, Codable {
    public var total = 0
    /// Counts per path prefix: `/cable/`, `/reldate/`, `/index.html`, …
    public var byPrefix: [String: Int] = [:]
    /// Counts per status code (as a string key).
    public var byStatus: [String: Int] = [:]
    public var notModified = 0
    public var gzip = 0
    public var faultsInjected = 0

    public init() {}

    /// `/cable/2006/05/X.html` → `/cable/`; `/index.html` → `/index.html`.
    public static func prefix(of path: String) -> String {
        let trimmed = path.dropFirst()
        guard let slash = trimmed.firstIndex(of: "/") else { return path }
        return "/" + trimmed[..<slash] + "/"
    }
}
