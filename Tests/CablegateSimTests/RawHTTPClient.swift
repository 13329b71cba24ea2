import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A deliberately low-level HTTP client over one TCP socket, so tests see exactly what the server sends.
final class RawHTTPClient {
    /// One response as read off the wire.
    struct Response {
        let status: Int
        let headers: [String: String]
        let body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// How reading a response ended.
    enum ReadOutcome {
        case response(Response)
        /// The connection closed before a full response (with the bytes received).
        case closed([UInt8])
        /// The connection was reset.
        case reset
    }

    let socket: Int32
    private var buffer: [UInt8] = []

    init(port: Int, timeoutSeconds: Int = 5) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(socket) }

    func send(_ method: String, _ path: String, headers: [String: String] = [:]) {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads one response; bodies are delimited by Content-Length (none for HEAD and 304).
    func read(expectBody: Bool = true, maxBody: Int = 64 * 1024 * 1024) -> ReadOutcome {
        var headEnd: Int?
        while headEnd == nil {
            headEnd = find([13, 10, 13, 10])
            if headEnd == nil {
                switch fill() {
                case .ok: continue
                case .closed: return .closed(buffer)
                case .reset: return .reset
                }
            }
        }
        guard let end = headEnd else { return .closed(buffer) }
        let head = String(decoding: buffer[0..<end], as: UTF8.self)
        buffer.removeFirst(end + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let status = statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0
        let length = expectBody && status != 304 ? Int(headers["content-length"] ?? "0") ?? 0 : 0
        while buffer.count < min(length, maxBody) {
            switch fill() {
            case .ok: continue
            case .closed: return .closed(buffer)
            case .reset: return .reset
            }
        }
        let body = Array(buffer.prefix(length))
        buffer.removeFirst(min(length, buffer.count))
        return .response(Response(status: status, headers: headers, body: body))
    }

    /// Sends a request and reads a full response, failing the test otherwise.
    func exchange(_ path: String, method: String = "GET", headers: [String: String] = [:]) throws -> Response {
        send(method, path, headers: headers)
        guard case .response(let response) = read(expectBody: method != "HEAD") else {
            throw POSIXError(.ECONNRESET)
        }
        return response
    }

    /// What one `recv` produced.
    private enum FillResult { case ok, closed, reset }

    private func fill() -> FillResult {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            buffer.append(contentsOf: chunk[0..<count])
            return .ok
        }
        if count < 0 && errno == ECONNRESET { return .reset }
        return .closed
    }

    private func find(_ pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        for start in 0...(buffer.count - pattern.count) where Array(buffer[start..<(start + pattern.count)]) == pattern
        {
            return start
        }
        return nil
    }
}
