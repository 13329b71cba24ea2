#if canImport(Glibc)
    import Glibc
#endif

/// A response to write: status, headers in order, body (possibly declared longer than sent).
struct HTTPResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8] = []

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }

    /// Status line and headers, terminated by the blank line.
    func head(keepAlive: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\nServer: cablegate-sim\r\n"
        text += "Date: \(Self.now().httpDateString)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        return Array(text.utf8)
    }

    static func now() -> SimDate {
        let seconds = Int(time(nil))
        let date = SimDate(daysSinceEpoch: seconds / 86_400)
        let secondOfDay = seconds % 86_400
        return SimDate(
            year: date.year, month: date.month, day: date.day, hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60
        )
    }

    static func text(_ status: Int, _ message: String, contentType: String = "text/plain; charset=utf-8")
        -> HTTPResponse
    {
        let body = Array(message.utf8)
        return HTTPResponse(
            status: status, headers: [("Content-Type", contentType), ("Content-Length", String(body.count))],
            body: body)
    }
}
