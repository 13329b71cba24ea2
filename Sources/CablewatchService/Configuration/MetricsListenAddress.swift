/// A loopback `host:port` for the metrics endpoint: `127.x.x.x`, `localhost` or `[::1]`, port 1…65535.
public struct MetricsListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// The host without brackets: `127.0.0.1`, `localhost` or `::1`.
    public var host: String
    /// The TCP port.
    public var port: Int

    /// Creates an address without checking it.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `127.0.0.1:9464`, `localhost:9464` or `[::1]:9464`; `nil` for anything else, including non-loopback hosts.
    public init?(parsing text: String) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = rest.dropFirst()
            guard host == "::1" else { return nil }
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            guard host == "localhost" || Self.isIPv4Loopback(host) else { return nil }
        }
        guard portText.allSatisfy(\.isASCII), let port = Int(portText), (1...65_535).contains(port) else {
            return nil
        }
        self.init(host: String(host), port: port)
    }

    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    private static func isIPv4Loopback(_ host: Substring) -> Bool {
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy { $0.isASCII && $0.isNumber }
                && (Int(octet) ?? 256) <= 255
        }
    }
}
