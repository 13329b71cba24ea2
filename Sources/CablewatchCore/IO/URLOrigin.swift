/// The scheme, host and port of an absolute http(s) URL: what "same origin" compares.
public struct URLOrigin: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`, lower-cased.
    public var scheme: String
    /// Host name or address, lower-cased; IPv6 literals keep their brackets.
    public var host: String
    /// Explicit port, or the scheme's default (80, 443).
    public var port: Int

    /// Parses an absolute http(s) URL; nil for other schemes, relative references, user-info or a bad port.
    public init?(url: String) {
        guard let parts = AbsoluteURLParts(url), let origin = parts.origin else { return nil }
        self = origin
    }

    init(scheme: String, host: String, port: Int) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// `scheme://host[:port]`, the port omitted when it is the scheme's default.
    public var description: String {
        let defaultPort = scheme == "https" ? 443 : 80
        return port == defaultPort ? "\(scheme)://\(host)" : "\(scheme)://\(host):\(port)"
    }
}

/// An absolute URL split into scheme, authority and path/query (the fragment dropped).
struct AbsoluteURLParts {
    var scheme: String
    var authority: Substring
    var path: String
    var query: String?

    init?(_ text: String) {
        let url = Self.trimmed(text)
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) })
        else { return nil }
        let rest = url[url.index(after: colon)...]
        guard rest.hasPrefix("//") else { return nil }
        let afterSlashes = rest.dropFirst(2)
        let authorityEnd = afterSlashes.firstIndex(where: { "/?#".contains($0) }) ?? afterSlashes.endIndex
        self.scheme = scheme.lowercased()
        self.authority = afterSlashes[..<authorityEnd]
        var remainder = afterSlashes[authorityEnd...]
        if let hash = remainder.firstIndex(of: "#") { remainder = remainder[..<hash] }
        if let question = remainder.firstIndex(of: "?") {
            self.path = String(remainder[..<question])
            self.query = String(remainder[remainder.index(after: question)...])
        } else {
            self.path = String(remainder)
            self.query = nil
        }
        if path.isEmpty { path = "/" }
    }

    /// The text without leading and trailing whitespace and newlines.
    static func trimmed(_ text: String) -> String {
        let start = text.firstIndex(where: { !$0.isWhitespace }) ?? text.endIndex
        let end = text.lastIndex(where: { !$0.isWhitespace }).map { text.index(after: $0) } ?? start
        return String(text[start..<end])
    }

    /// The origin, when the scheme is http(s) and the authority is a plain `host[:port]`.
    var origin: URLOrigin? {
        let defaultPort: Int
        switch scheme {
        case "http": defaultPort = 80
        case "https": defaultPort = 443
        default: return nil
        }
        if authority.isEmpty || authority.contains(where: { "@\\%".contains($0) || $0.isWhitespace }) { return nil }
        let host: Substring
        let portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if after.isEmpty {
                portText = nil
            } else if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else {
                return nil
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
            portText = nil
        }
        guard !host.isEmpty else { return nil }
        var port = defaultPort
        if let portText, !portText.isEmpty {
            guard portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(portText),
                (1...65535).contains(value)
            else { return nil }
            port = value
        }
        return URLOrigin(scheme: scheme, host: host.lowercased(), port: port)
    }
}
