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
/// Every URL of a sync goes through here several times (resolving a listing's link, the origin check, the host's
/// pacing key), so an ASCII URL — all of them in practice — is split on its bytes; anything else takes the
/// `Character` path, which the byte path matches exactly (tested against it).
struct AbsoluteURLParts: Equatable {
    var scheme: String
    var authority: Substring
    var path: String
    var query: String?

    init?(_ text: String) {
        var text = text
        let ascii: AbsoluteURLParts?? = text.withUTF8 { bytes in
            bytes.allSatisfy { $0 < 0x80 } ? .some(Self(asciiBytes: bytes)) : .none
        }
        if let ascii {
            guard let parts = ascii else { return nil }
            self = parts
        } else {
            guard let parts = Self(characters: text) else { return nil }
            self = parts
        }
    }

    /// The byte path, for text that is all ASCII (one byte per `Character`, except `\r\n`, which no rule below
    /// treats differently from its two bytes).
    init?(asciiBytes bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var end = bytes.count
        while start < end, Self.isASCIIWhitespace(bytes[start]) { start += 1 }
        while end > start, Self.isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
        guard let colon = (start..<end).first(where: { bytes[$0] == UInt8(ascii: ":") }) else { return nil }
        guard colon > start, ByteScanner.isLetter(bytes[start]),
            (start..<colon).allSatisfy({ index in
                let byte = bytes[index]
                return ByteScanner.isLetter(byte) || ByteScanner.isDigit(byte) || byte == UInt8(ascii: "+")
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            })
        else { return nil }
        let slashes = colon + 1
        guard slashes + 1 < end, bytes[slashes] == UInt8(ascii: "/"), bytes[slashes + 1] == UInt8(ascii: "/") else {
            return nil
        }
        let authorityStart = slashes + 2
        var authorityEnd = authorityStart
        while authorityEnd < end {
            let byte = bytes[authorityEnd]
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            authorityEnd += 1
        }
        var remainderEnd = authorityEnd
        while remainderEnd < end, bytes[remainderEnd] != UInt8(ascii: "#") { remainderEnd += 1 }
        let question = (authorityEnd..<remainderEnd).first { bytes[$0] == UInt8(ascii: "?") }
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        scheme = String(decoding: bytes[start..<colon].lazy.map(ByteScanner.lower), as: UTF8.self)
        authority = Substring(text(authorityStart..<authorityEnd))
        if let question {
            path = text(authorityEnd..<question)
            query = text((question + 1)..<remainderEnd)
        } else {
            path = text(authorityEnd..<remainderEnd)
            query = nil
        }
        if path.isEmpty { path = "/" }
    }

    /// The `Character` path, for any text.
    init?(characters text: String) {
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

    /// Unicode White_Space among ASCII — tab, line feed, vertical tab, form feed, carriage return, space — what
    /// `Character.isWhitespace` says of an ASCII byte (HTML's `ByteScanner.isWhitespace` leaves out vertical tab).
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// The text without leading and trailing whitespace and newlines.
    static func trimmed(_ text: String) -> String {
        if let first = text.utf8.first, let last = text.utf8.last, first < 0x80, last < 0x80,
            !isASCIIWhitespace(first), !isASCIIWhitespace(last)
        {
            return text  // nothing to trim: the ends are ASCII and not whitespace
        }
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
        var authority = authority
        let ascii: URLOrigin?? = authority.withUTF8 { bytes in
            bytes.allSatisfy { $0 < 0x80 }
                ? .some(Self.origin(asciiAuthority: bytes, scheme: scheme, defaultPort: defaultPort)) : .none
        }
        if let ascii { return ascii }
        return characterOrigin(defaultPort: defaultPort)
    }

    /// `origin` on the bytes of an all-ASCII authority.
    static func origin(asciiAuthority bytes: UnsafeBufferPointer<UInt8>, scheme: String, defaultPort: Int) -> URLOrigin?
    {
        guard !bytes.isEmpty,
            !bytes.contains(where: {
                $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "%") || isASCIIWhitespace($0)
            })
        else { return nil }
        let hostRange: Range<Int>
        let portRange: Range<Int>?
        if bytes[0] == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            hostRange = 0..<(close + 1)
            if close + 1 == bytes.count {
                portRange = nil
            } else if bytes[close + 1] == UInt8(ascii: ":") {
                portRange = (close + 2)..<bytes.count
            } else {
                return nil
            }
        } else if let colon = bytes.lastIndex(of: UInt8(ascii: ":")) {
            hostRange = 0..<colon
            portRange = (colon + 1)..<bytes.count
        } else {
            hostRange = 0..<bytes.count
            portRange = nil
        }
        guard !hostRange.isEmpty else { return nil }
        var port = defaultPort
        if let portRange, !portRange.isEmpty {
            guard portRange.count <= 5, portRange.allSatisfy({ ByteScanner.isDigit(bytes[$0]) }) else { return nil }
            let value = portRange.reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) }
            guard (1...65535).contains(value) else { return nil }
            port = value
        }
        let host = String(decoding: bytes[hostRange].lazy.map(ByteScanner.lower), as: UTF8.self)
        return URLOrigin(scheme: scheme, host: host, port: port)
    }

    /// `origin` on the `Character`s of any authority.
    func characterOrigin(defaultPort: Int) -> URLOrigin? {
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
