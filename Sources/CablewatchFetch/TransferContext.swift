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
    /// Works on bytes (called for every header of every response, so it stays off Foundation's string APIs).
    func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        let bytes = line.bindMemory(to: UInt8.self)
        if bytes.starts(with: Self.statusPrefix) {
            headers = [:]
            return
        }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return }
        let nameRange = Self.trimmed(bytes, 0..<colon)
        guard !nameRange.isEmpty else { return }
        let name = String(decoding: bytes[nameRange].lazy.map(Self.asciiLowercased), as: UTF8.self)
        let value = String(decoding: bytes[Self.trimmed(bytes, (colon + 1)..<bytes.count)], as: UTF8.self)
        if let existing = headers[name] {
            headers[name] = existing + ", " + value
        } else {
            headers[name] = value
            // One allocation for the body instead of repeated growth; a declared length is only a hint (gzip,
            // lies), so the reservation is capped.
            if name == "content-length", let length = Int(value), length > 0 {
                body.reserveCapacity(min(length, bodyLimit.bytes, 4 << 20))
            }
        }
    }

    private static let statusPrefix = Array("HTTP/".utf8)

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    /// `range` without leading and trailing spaces, tabs, CR and LF.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}
