import Foundation

/// The state libcurl's callbacks write into during one transfer (lives on the worker thread only).
final class TransferContext {
    private(set) var body: [UInt8] = []
    private(set) var headers: [String: String] = [:]
    /// Set when the body limit aborted the transfer.
    private(set) var exceededLimit = false
    let bodyLimit: TransferSpec.BodyLimit
    let cancellation: TransferCancellation

    init(bodyLimit: TransferSpec.BodyLimit, cancellation: TransferCancellation) {
        self.bodyLimit = bodyLimit
        self.cancellation = cancellation
    }

    /// Accepts a body chunk; returns the count consumed (anything else makes libcurl abort).
    func receiveBody(_ chunk: UnsafeRawBufferPointer) -> Int {
        switch bodyLimit {
        case .abortAbove(let limit):
            guard body.count + chunk.count <= limit else {
                exceededLimit = true
                return 0
            }
            body.append(contentsOf: chunk)
        case .keepPrefix(let limit):
            let room = max(0, limit - body.count)
            if room > 0 { body.append(contentsOf: chunk.prefix(room)) }
        }
        return chunk.count
    }

    /// Accepts one raw header line; a status line starts a new header block (1xx, proxy CONNECT).
    func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        let text = String(decoding: line, as: UTF8.self)
        if text.hasPrefix("HTTP/") {
            headers = [:]
            return
        }
        guard let colon = text.firstIndex(of: ":") else { return }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { return }
        if let existing = headers[name] {
            headers[name] = existing + ", " + value
        } else {
            headers[name] = value
        }
    }
}
