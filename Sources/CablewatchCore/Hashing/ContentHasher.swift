import Crypto
import Foundation

/// Computes a revision's hashes (DESIGN.md §2.1): canonical content, whitespace-insensitive content, raw page.
public enum ContentHasher {
    /// All three hashes of a cable revision. `header` and `body` are canonical blocks (see `CanonicalText`).
    public static func hashes(header: String, body: String, rawPage: [UInt8]) -> ContentHashes {
        var canonical: [UInt8] = []
        canonical.reserveCapacity(header.utf8.count + body.utf8.count + 2)
        canonical.append(contentsOf: header.utf8)
        canonical.append(contentsOf: [0x0A, 0x0A])
        canonical.append(contentsOf: body.utf8)
        return ContentHashes(
            contentSHA256: sha256Hex(canonical),
            whitespaceInsensitiveSHA256: hex(SHA256.hash(data: collapsingWhitespace(canonical))),
            rawSHA256: sha256Hex(rawPage)
        )
    }

    /// Lower-case hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// Lower-case hex SHA-256 of the UTF-8 bytes of `text`.
    public static func sha256Hex(_ text: String) -> String {
        sha256Hex(Array(text.utf8))
    }

    /// `text` with every run of whitespace (space, tab, `\n`, U+00A0) replaced by one space, ends trimmed.
    public static func whitespaceInsensitive(_ text: String) -> String {
        String(decoding: collapsingWhitespace(Array(text.utf8)), as: UTF8.self)
    }

    /// `whitespaceInsensitive` on UTF-8 bytes.
    static func collapsingWhitespace(_ input: [UInt8]) -> ArraySlice<UInt8> {
        // Written through a span over an array of the input's size (one uniqueness check, not one a byte), then cut
        // to length; the output is never longer than the input.
        var buffer = ContiguousArray<UInt8>(repeating: 0, count: input.count)
        var count = 0
        do {
            var output = buffer.mutableSpan
            var pendingSpace = false
            var position = 0
            while position < input.count {
                let byte = input[position]
                position += 1
                if byte == 0x20 || byte == 0x09 || byte == 0x0A {
                    pendingSpace = count > 0
                    continue
                }
                if byte == 0xC2, position < input.count, input[position] == 0xA0 {
                    pendingSpace = count > 0  // U+00A0 is whitespace too
                    position += 1
                    continue
                }
                if pendingSpace {
                    output[count] = 0x20
                    count += 1
                    pendingSpace = false
                }
                output[count] = byte
                count += 1
            }
        }
        return buffer[..<count]
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func hex(_ digest: SHA256.Digest) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        for byte in digest {
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
