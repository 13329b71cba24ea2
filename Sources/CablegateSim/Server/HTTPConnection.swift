import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Serves the requests of one client connection until it closes, times out, or a fault ends it.
struct HTTPConnection {
    let server: SimServer
    let socket: Int32
    private var buffer: [UInt8] = []

    init(server: SimServer, socket: Int32) {
        self.server = server
        self.socket = socket
    }

    mutating func run() {
        while let request = readRequest() {
            let keepAlive = request.keepAlive
            if request.path.hasPrefix("/_sim/") {
                let response = SimControl(server: server).respond(to: request)
                guard send(response, headOnly: false, keepAlive: keepAlive) else { return }
            } else {
                guard serveSite(request, keepAlive: keepAlive) else { return }
            }
            if !keepAlive { return }
        }
    }

    /// Returns false when the connection must be closed.
    private func serveSite(_ request: HTTPRequest, keepAlive: Bool) -> Bool {
        let path = request.path
        guard request.method == "GET" || request.method == "HEAD" else {
            server.record(path: path, status: 405, gzip: false, fault: false)
            var response = HTTPResponse.text(405, "method not allowed\n")
            response.headers.append(("Allow", "GET, HEAD"))
            return send(response, headOnly: false, keepAlive: keepAlive)
        }
        let headOnly = request.method == "HEAD"
        let fault = server.takeFault(for: path)
        if let fault, fault.kind == .slow { usleep(UInt32(max(0, fault.delayMilliseconds)) * 1000) }
        switch fault?.kind {
        case .status500:
            server.record(path: path, status: 500, gzip: false, fault: true)
            return send(.text(500, "internal server error\n"), headOnly: headOnly, keepAlive: keepAlive)
        case .status404:
            server.record(path: path, status: 404, gzip: false, fault: true)
            return send(.text(404, "not found\n"), headOnly: headOnly, keepAlive: keepAlive)
        case .status503, .status429:
            let status = fault?.kind == .status503 ? 503 : 429
            var response = HTTPResponse.text(status, "try again later\n")
            response.headers.append(("Retry-After", String(fault?.retryAfterSeconds ?? 1)))
            server.record(path: path, status: status, gzip: false, fault: true)
            return send(response, headOnly: headOnly, keepAlive: keepAlive)
        case .reset:
            server.record(path: path, status: 0, gzip: false, fault: true)
            var linger = linger(l_onoff: 1, l_linger: 0)
            setsockopt(socket, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
            return false
        case .redirectOffsite:
            server.record(path: path, status: 302, gzip: false, fault: true)
            var response = HTTPResponse.text(302, "moved\n")
            response.headers.append(("Location", "http://127.0.0.2:\(server.port)\(request.target)"))
            return send(response, headOnly: headOnly, keepAlive: keepAlive)
        case .garbage:
            server.record(path: path, status: 200, gzip: false, fault: true)
            let bytes = server.faultRandom.withLock { random in
                (0..<4096).map { _ in UInt8(truncatingIfNeeded: 0x80 | random.next()) }
            }
            return send(
                HTTPResponse(
                    status: 200, headers: [("Content-Type", "text/html"), ("Content-Length", String(bytes.count))],
                    body: bytes), headOnly: headOnly, keepAlive: keepAlive)
        case .oversize:
            server.record(path: path, status: 200, gzip: false, fault: true)
            return sendOversize(headOnly: headOnly, keepAlive: keepAlive)
        case .advanceBuild:
            _ = server.advance()
        default:
            break
        }
        let variant: PageVariant =
            switch fault?.kind {
            case .cutPre: .cutPre
            case .crossOriginLink: .crossOriginLinks
            case .staleListing: .staleListing
            default: .normal
            }
        guard let page = server.site.page(at: path, variant: variant) else {
            server.record(path: path, status: 404, gzip: false, fault: fault != nil)
            return send(.text(404, "not found\n"), headOnly: headOnly, keepAlive: keepAlive)
        }
        // A rewritten page is another page: its ETag differs, so a conditional GET cannot hide the change.
        let rewrites = server.takeRewrites(for: path)
        let rewritten = rewrites.reduce(page.body) { body, rewrite in rewrite.rewritten(body) }
        let etag = rewrites.isEmpty ? page.etag : "\"rw-\(SimFault.fingerprint(rewritten))\""
        var validators = [("ETag", etag), ("Last-Modified", page.lastModified)]
        validators.append(("Vary", "Accept-Encoding"))
        if rewrites.isEmpty, isNotModified(request, page) {
            server.record(path: path, status: 304, gzip: false, fault: fault != nil || !rewrites.isEmpty)
            return send(HTTPResponse(status: 304, headers: validators), headOnly: true, keepAlive: keepAlive)
        }
        var body = rewritten
        var headers = [("Content-Type", page.contentType)] + validators
        let gzip = request.acceptsGzip
        if gzip, let compressed = try? Gzip.compress(body) {
            body = compressed
            headers.append(("Content-Encoding", "gzip"))
        }
        headers.append(("Content-Length", String(body.count)))
        server.record(path: path, status: 200, gzip: gzip, fault: fault != nil || !rewrites.isEmpty)
        let response = HTTPResponse(status: 200, headers: headers, body: body)
        if fault?.kind == .truncated && !headOnly {
            _ = write(response.head(keepAlive: false))
            _ = write(Array(body.prefix(body.count / 2)))
            return false
        }
        return send(response, headOnly: headOnly, keepAlive: keepAlive)
    }

    private func isNotModified(_ request: HTTPRequest, _ page: SitePage) -> Bool {
        if let tags = request.headers["if-none-match"] {
            return tags.split(separator: ",").contains { candidate in
                let tag = candidate.trimmingCharacters(in: .whitespaces)
                return tag == "*" || tag == page.etag || tag == "W/" + page.etag
            }
        }
        if let since = request.headers["if-modified-since"], let epoch = SimDate.epochSeconds(httpDate: since) {
            return epoch >= page.lastModifiedEpoch
        }
        return false
    }

    private func sendOversize(headOnly: Bool, keepAlive: Bool) -> Bool {
        let total = 20 * 1024 * 1024
        let response = HTTPResponse(
            status: 200, headers: [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", String(total))])
        guard write(response.head(keepAlive: keepAlive)) else { return false }
        if headOnly { return keepAlive }
        let opening = Array("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n<html><body><p>".utf8)
        var chunk = [UInt8](repeating: UInt8(ascii: "A"), count: 65_536)
        chunk.replaceSubrange(0..<opening.count, with: opening)
        var sent = 0
        while sent < total {
            let size = min(chunk.count, total - sent)
            guard write(Array(chunk.prefix(size))) else { return false }
            if sent == 0 { chunk = [UInt8](repeating: UInt8(ascii: "A"), count: 65_536) }
            sent += size
        }
        return keepAlive
    }

    /// Writes a response; false when the connection must close.
    private func send(_ response: HTTPResponse, headOnly: Bool, keepAlive: Bool) -> Bool {
        var bytes = response.head(keepAlive: keepAlive)
        if !headOnly { bytes += response.body }
        return write(bytes) && keepAlive
    }

    private func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.send(socket, raw.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Reads one request head (and discards its body); nil on close, timeout or a malformed request.
    private mutating func readRequest() -> HTTPRequest? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        while true {
            if let end = find(terminator) {
                let head = Array(buffer[0..<end])
                buffer.removeFirst(end + 4)
                guard let request = HTTPRequest.parse(head: head) else { return nil }
                var remaining = request.contentLength
                while remaining > 0 {
                    if buffer.isEmpty && !fill() { return nil }
                    let take = min(remaining, buffer.count)
                    buffer.removeFirst(take)
                    remaining -= take
                }
                return request
            }
            guard buffer.count < 65_536, fill() else { return nil }
        }
    }

    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
    }

    private func find(_ pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        for start in 0...(buffer.count - pattern.count)
        where buffer[start] == pattern[0] && buffer[start + 1] == pattern[1] && buffer[start + 2] == pattern[2]
            && buffer[start + 3] == pattern[3]
        {
            return start
        }
        return nil
    }
}
