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
    /// For `rewrite`: the bytes to find in the page, and what replaces them.
    public var find: [UInt8]
    public var replacement: [UInt8]

    public init(
        kind: SimFaultKind, pathPrefix: String = "/", count: Int? = nil, delayMilliseconds: Int = 1500,
        retryAfterSeconds: Int = 1, find: [UInt8] = [], replacement: [UInt8] = []
    ) {
        self.find = find
        self.replacement = replacement
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

    /// A `rewrite` of every `find` in pages under `pathPrefix` (text in, text out).
    public static func rewrite(_ pathPrefix: String, _ find: String, with replacement: String, count: Int? = nil)
        -> SimFault
    {
        SimFault(
            kind: .rewrite, pathPrefix: pathPrefix, count: count, find: Array(find.utf8),
            replacement: Array(replacement.utf8))
    }

    /// `body` with every occurrence of `find` replaced (unchanged when `find` is empty or absent).
    func rewritten(_ body: [UInt8]) -> [UInt8] {
        guard !find.isEmpty, body.count >= find.count else { return body }
        var result: [UInt8] = []
        result.reserveCapacity(body.count)
        var index = 0
        while index < body.count {
            if body[index] == find[0], index + find.count <= body.count,
                body[index..<(index + find.count)].elementsEqual(find)
            {
                result.append(contentsOf: replacement)
                index += find.count
            } else {
                result.append(body[index])
                index += 1
            }
        }
        return result
    }

    /// A short hex fingerprint (FNV-1a) of a rewritten body, for its ETag.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    /// Whether this fault can apply to `path` (page-shape faults only fit their page kind).
    func matches(_ path: String) -> Bool {
        guard path.hasPrefix(pathPrefix), count.map({ $0 > 0 }) ?? true else { return false }
        switch kind {
        case .cutPre: return path.hasPrefix("/cable/")
        case .crossOriginLink, .staleListing: return SimSite.parseListingPath(path) != nil
        default: return true
        }
    }
}
