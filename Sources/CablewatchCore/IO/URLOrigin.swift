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
///
/// The split reads the URL's UTF-8 bytes: every delimiter is ASCII, and an ASCII byte in UTF-8 is always a whole
/// scalar, so non-ASCII text is carried through unchanged.
struct AbsoluteURLParts: Equatable {
    var scheme: String
    var authority: String
    var path: String
    var query: String?

    /// Splits `text`, ignoring surrounding whitespace; nil unless it reads `scheme://…`.
    init?(_ text: String) {
        let url = Self.trimmed(text).utf8
        guard let colon = url.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let scheme = url[..<colon]
        guard let first = scheme.first, ByteScanner.isLetter(first),
            scheme.allSatisfy({ ByteScanner.isLetter($0) || ByteScanner.isDigit($0) || "+.-".utf8.contains($0) })
        else { return nil }
        let rest = url[url.index(after: colon)...]
        guard rest.starts(with: "//".utf8) else { return nil }
        let afterSlashes = rest.dropFirst(2)
        let authorityEnd = afterSlashes.firstIndex(where: { "/?#".utf8.contains($0) }) ?? afterSlashes.endIndex
        var remainder = afterSlashes[authorityEnd...]
        if let hash = remainder.firstIndex(of: UInt8(ascii: "#")) { remainder = remainder[..<hash] }
        let question = remainder.firstIndex(of: UInt8(ascii: "?"))
        self.scheme = String(decoding: scheme.map(ByteScanner.lower), as: UTF8.self)
        self.authority = String(decoding: afterSlashes[..<authorityEnd], as: UTF8.self)
        let path = String(decoding: remainder[..<(question ?? remainder.endIndex)], as: UTF8.self)
        self.path = path.isEmpty ? "/" : path
        self.query = question.map { String(decoding: remainder[remainder.index(after: $0)...], as: UTF8.self) }
    }

    /// The text without leading and trailing Unicode whitespace.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let start = scalars.firstIndex { !$0.properties.isWhitespace } ?? scalars.endIndex
        let end = scalars.lastIndex { !$0.properties.isWhitespace }.map { scalars.index(after: $0) } ?? start
        return String(scalars[start..<end])
    }

    /// The origin, when the scheme is http(s) and the authority is a plain `host[:port]`.
    var origin: URLOrigin? {
        let defaultPort: Int
        switch scheme {
        case "http": defaultPort = 80
        case "https": defaultPort = 443
        default: return nil
        }
        guard !authority.isEmpty,
            !authority.unicodeScalars.contains(where: {
                "@\\%".unicodeScalars.contains($0) || $0.properties.isWhitespace
            }
            )
        else { return nil }
        let bytes = authority.utf8
        let host: Substring.UTF8View
        let port: Substring.UTF8View?
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            let afterClose = bytes.index(after: close)
            host = bytes[..<afterClose]
            let after = bytes[afterClose...]
            guard after.isEmpty || after.first == UInt8(ascii: ":") else { return nil }
            port = after.isEmpty ? nil : after.dropFirst()
        } else if let colon = bytes.lastIndex(of: UInt8(ascii: ":")) {
            host = bytes[..<colon]
            port = bytes[bytes.index(after: colon)...]
        } else {
            host = bytes[...]
            port = nil
        }
        guard !host.isEmpty else { return nil }
        guard let port, !port.isEmpty else {
            return URLOrigin(
                scheme: scheme, host: String(decoding: host, as: UTF8.self).lowercased(), port: defaultPort)
        }
        guard port.count <= 5, port.allSatisfy(ByteScanner.isDigit) else { return nil }
        let value = port.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard (1...65535).contains(value) else { return nil }
        return URLOrigin(scheme: scheme, host: String(decoding: host, as: UTF8.self).lowercased(), port: value)
    }
}
