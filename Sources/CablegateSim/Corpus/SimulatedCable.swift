import Crypto

/// One cable as the site would publish it: metadata, the two text blocks, and the simulator's own canonical hash.
public struct SimulatedCable: Sendable {
    public let metadata: SimCableMetadata
    /// All lines of the SUBJECT (one or two).
    public let subjectLines: [String]
    /// The first `<pre>` block's text (the partial-extract placeholder for header-less cables).
    public let header: String
    /// The second `<pre>` block's text.
    public let body: String
    public let isPartialExtract: Bool

    init(metadata: SimCableMetadata, text: CableText) {
        self.metadata = metadata
        subjectLines = text.subjectLines
        header = text.header
        body = text.body
        isPartialExtract = text.isPartialExtract
    }

    /// The exact first-block text of header-less cables (DESIGN.md §2.1).
    public static let partialExtractPlaceholder =
        "This record is a partial extract of the original cable. The full text of the original cable is not available."

    public var referenceId: String { metadata.referenceId }
    public var path: String { metadata.path }

    /// `header + "\n\n" + body`, the header being empty for a partial extract (DESIGN.md §2.1).
    public var canonicalText: String { (isPartialExtract ? "" : header) + "\n\n" + body }

    /// Lower-case hex SHA-256 of the canonical text's UTF-8 bytes.
    public var contentSHA256: String { Self.sha256Hex(canonicalText) }

    /// SHA-256 of the canonical text with whitespace runs collapsed to one space and the ends trimmed.
    public var whitespaceInsensitiveSHA256: String { Self.sha256Hex(Self.collapsingWhitespace(canonicalText)) }

    static func sha256Hex(_ text: String) -> String {
        let digest = SHA256.hash(data: Array(text.utf8))
        let hexDigits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func collapsingWhitespace(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\u{00A0}" {
                pendingSpace = true
            } else {
                if pendingSpace && !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
