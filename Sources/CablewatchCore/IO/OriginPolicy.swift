/// Keeps every request on the configured site: same scheme, host and port as the base URL, http(s) only.
public struct OriginPolicy: Sendable, Hashable {
    /// The origin every allowed URL shares.
    public let origin: URLOrigin
    /// The configured base URL, normalised (`scheme://host[:port]/path`).
    public let baseURL: String
    /// `origin.description`, the start of every URL this policy writes.
    private let originPrefix: String
    /// The base URL's path and query, what a relative link resolves against by default.
    private let basePath: String
    private let baseQuery: String?

    /// Builds the policy from the configured base URL; nil unless it is an absolute http(s) URL.
    public init?(baseURL: String) {
        guard let parts = AbsoluteURLParts(baseURL), let origin = parts.origin else { return nil }
        self.origin = origin
        self.originPrefix = origin.description
        self.basePath = parts.path
        self.baseQuery = parts.query
        self.baseURL = originPrefix + parts.path + (parts.query.map { "?" + $0 } ?? "")
    }

    /// True when `url` is an absolute http(s) URL with the base URL's scheme, host and port.
    public func allows(_ url: String) -> Bool {
        URLOrigin(url: url) == origin
    }

    /// Resolves a link found on a page (`/cable/2006/05/06SEOUL1789.html`, `../x.html`, or absolute) against
    /// `page` (default: the base URL) as RFC 3986 does; nil when the result is off-origin or not http(s).
    /// The fragment is dropped and dot segments are removed.
    public func resolve(_ link: String, relativeTo page: String? = nil) -> String? {
        var reference = AbsoluteURLParts.trimmed(link)
        if let hash = reference.firstIndex(of: "#") { reference = String(reference[..<hash]) }
        if reference.hasPrefix("//") { reference = origin.scheme + ":" + reference }
        if let absolute = AbsoluteURLParts(reference) {
            guard absolute.origin == origin else { return nil }
            return serialize(path: absolute.path, query: absolute.query)
        }
        if let colon = reference.firstIndex(of: ":"),
            !reference[..<colon].contains(where: { "/?".contains($0) })
        {
            return nil  // another scheme (mailto:, javascript:, ftp: without //)
        }
        let base: (path: String, query: String?)
        if let page, let parts = AbsoluteURLParts(page), parts.origin == origin {  // `allows`, parsing once
            base = (parts.path, parts.query)
        } else {
            base = (basePath, baseQuery)
        }
        if reference.isEmpty { return serialize(path: base.path, query: base.query) }
        let (referencePath, referenceQuery) = splitQuery(reference)
        if referencePath.isEmpty { return serialize(path: base.path, query: referenceQuery) }
        if referencePath.hasPrefix("/") { return serialize(path: referencePath, query: referenceQuery) }
        let directory = base.path[...(base.path.lastIndex(of: "/") ?? base.path.startIndex)]
        return serialize(path: String(directory) + referencePath, query: referenceQuery)
    }

    private func serialize(path: String, query: String?) -> String {
        originPrefix + removingDotSegments(path) + (query.map { "?" + $0 } ?? "")
    }

    /// True when some segment of `path` is `.` or `..` (what `removingDotSegments` removes).
    private static func hasDotSegment(_ path: String) -> Bool {
        var segmentStart = true
        var dots = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if segmentStart && (dots == 1 || dots == 2) { return true }
                segmentStart = true
                dots = 0
            } else if segmentStart && byte == UInt8(ascii: ".") && dots < 3 {
                dots += 1
            } else {
                segmentStart = false
            }
        }
        return segmentStart && (dots == 1 || dots == 2)
    }

    private func splitQuery(_ reference: String) -> (path: String, query: String?) {
        guard let question = reference.firstIndex(of: "?") else { return (reference, nil) }
        return (String(reference[..<question]), String(reference[reference.index(after: question)...]))
    }

    /// RFC 3986 §5.2.4 for an absolute path: `.` and `..` segments removed, never above the root.
    private func removingDotSegments(_ path: String) -> String {
        if path.hasPrefix("/") && !Self.hasDotSegment(path) { return path }  // nearly every link: nothing to remove
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var output: [Substring] = []
        var endsInDirectory = false
        for segment in segments {
            endsInDirectory = false
            switch segment {
            case ".": endsInDirectory = true
            case "..":
                _ = output.popLast()
                endsInDirectory = true
            default: output.append(segment)
            }
        }
        var result = "/" + output.joined(separator: "/")
        if endsInDirectory && !result.hasSuffix("/") { result += "/" }
        return result
    }
}
