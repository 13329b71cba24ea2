import Crypto

/// Computes a revision's hashes (DESIGN.md §2.1): canonical content, whitespace-insensitive content, raw page.
public enum ContentHasher {
    /// All three hashes of a cable revision. `header` and `body` are canonical blocks (see `CanonicalText`).
    public static func hashes(header: String, body: String, rawPage: [UInt8]) -> ContentHashes {
        var content = SHA256()
        update(&content, with: header)
        separator.withUnsafeBytes { content.update(bufferPointer: $0) }
        update(&content, with: body)
        let canonical = header + "\n\n" + body
        return ContentHashes(
            contentSHA256: hex(content.finalize()),
            whitespaceInsensitiveSHA256: sha256Hex(whitespaceInsensitive(canonical)),
            rawSHA256: sha256Hex(rawPage)
        )
    }

    /// Lower-case hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hex(hasher.finalize())
    }

    /// Lower-case hex SHA-256 of the UTF-8 bytes of `text`.
    public static func sha256Hex(_ text: String) -> String {
        var hasher = SHA256()
        update(&hasher, with: text)
        return hex(hasher.finalize())
    }

    /// `text` with every run of whitespace (space, tab, `\n`, U+00A0) replaced by one space, ends trimmed.
    public static func whitespaceInsensitive(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var previousWasC2 = false
        for byte in text.utf8 {
            if previousWasC2 {
                previousWasC2 = false
                if byte == 0xA0 {
                    pendingSpace = !output.isEmpty
                    continue
                }
                flush(&output, &pendingSpace)
                output.append(0xC2)
            }
            switch byte {
            case 0x20, 0x09, 0x0A:
                pendingSpace = !output.isEmpty
            case 0xC2:
                previousWasC2 = true
            default:
                flush(&output, &pendingSpace)
                output.append(byte)
            }
        }
        if previousWasC2 {
            flush(&output, &pendingSpace)
            output.append(0xC2)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let separator: [UInt8] = [0x0A, 0x0A]

    private static func flush(_ output: inout [UInt8], _ pendingSpace: inout Bool) {
        if pendingSpace {
            output.append(0x20)
            pendingSpace = false
        }
    }

    private static func update(_ hasher: inout SHA256, with text: String) {
        var text = text
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
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
