import Foundation

/// A parsed HTTP/1.x request head (the simulator ignores request bodies beyond reading them).
struct HTTPRequest: Sendable {
    let method: String
    let target: String
    let version: String
    /// Header names lower-cased.
    let headers: [String: String]

    var path: String {
        let raw = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
        return HTTPRequest.percentDecode(raw)
    }

    var query: [String: String] { queryBytes.mapValues { String(decoding: $0, as: UTF8.self) } }

    /// The query's values as bytes, percent-decoded without reading them as UTF-8 (`%00` and `%FF` survive).
    var queryBytes: [String: [UInt8]] {
        guard let mark = target.firstIndex(of: "?") else { return [:] }
        var result: [String: [UInt8]] = [:]
        for pair in target[target.index(after: mark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            result[HTTPRequest.percentDecode(String(parts[0]))] =
                parts.count > 1 ? HTTPRequest.percentDecodedBytes(parts[1].utf8) : []
        }
        return result
    }

    /// `%XX` escapes turned into their bytes; anything else, a `%` not followed by two hex digits included, kept as
    /// it is.
    static func percentDecodedBytes(_ text: some Collection<UInt8>) -> [UInt8] {
        let input = Array(text)
        var output: [UInt8] = []
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "%"), index + 2 < input.count,
                let value = UInt8(String(decoding: input[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                output.append(value)
                index += 3
            } else {
                output.append(input[index])
                index += 1
            }
        }
        return output
    }

    var keepAlive: Bool {
        let connection = headers["connection"]?.lowercased() ?? ""
        if connection.contains("close") { return false }
        return version == "HTTP/1.1" || connection.contains("keep-alive")
    }

    var acceptsGzip: Bool {
        guard let value = headers["accept-encoding"]?.lowercased() else { return false }
        return value.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.first == "gzip" || parts.first == "*" else { return false }
            return !parts.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "") == "q=0" }
        }
    }

    var contentLength: Int { headers["content-length"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0 }

    /// Parses a request head (without the final blank line); nil when malformed.
    static func parse(head: [UInt8]) -> HTTPRequest? {
        let text = String(decoding: head, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { return nil }
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { return nil }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        return HTTPRequest(
            method: String(requestLine[0]), target: String(requestLine[1]), version: String(requestLine[2]),
            headers: headers)
    }

    static func percentDecode(_ text: String) -> String {
        guard text.contains("%") else { return text }
        return String(decoding: percentDecodedBytes(text.utf8), as: UTF8.self)
    }
}
