/// A fault the server injects into matching responses, `count` times (nil: until cleared).
public struct SimFault: Sendable, Hashable, Codable {
    public var kind: SimFaultKind
    /// Applies to request paths starting with this prefix.
    public var pathPrefix: String
    /// Remaining applications; nil means unlimited.
    public var count: Int?
    /// Delay for `slow`.
    public var delayMilliseconds: Int
    /// `Retry-After` seconds for `status503` and `status429`.
    public var retryAfterSeconds: Int

    public init(
        kind: SimFaultKind, pathPrefix: String = "/", count: Int? = nil, delayMilliseconds: Int = 1500,
        retryAfterSeconds: Int = 1
    ) {
        self.kind = kind
        self.pathPrefix = pathPrefix
        self.count = count
        self.delayMilliseconds = delayMilliseconds
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Parses the CLI form `KIND[:PREFIX[:COUNT]]`, e.g. `status503:/cable/:3`.
    public init(specification: String) throws(CablegateSimError) {
        let parts = specification.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard let kind = SimFaultKind(rawValue: String(parts[0])) else {
            throw .invalidFault(
                specification: specification,
                reason: "unknown kind; expected one of \(SimFaultKind.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        var count: Int?
        if parts.count > 2 {
            guard let parsed = Int(parts[2]), parsed > 0 else {
                throw .invalidFault(specification: specification, reason: "count must be a positive integer")
            }
            count = parsed
        }
        let prefix = parts.count > 1 && !parts[1].isEmpty ? String(parts[1]) : "/"
        self.init(kind: kind, pathPrefix: prefix, count: count)
    }

    /// Whether this fault can apply to `path` (page-shape faults only fit their page kind).
    func matches(_ path: String) -> Bool {
        guard path.hasPrefix(pathPrefix), count.map({ $0 > 0 }) ?? true else { return false }
        switch kind {
        case .cutPre: return path.hasPrefix("/cable/")
        case .crossOriginLink: return SimSite.parseListingPath(path) != nil
        default: return true
        }
    }
}
