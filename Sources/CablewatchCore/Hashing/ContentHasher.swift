import Crypto

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
            whitespaceInsensitiveSHA256: sha256Hex(collapsingWhitespace(canonical)),
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
        var text = text
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return hex(hasher.finalize())
    }

    /// `text` with every run of whitespace (space, tab, `\n`, U+00A0) replaced by one space, ends trimmed.
    public static func whitespaceInsensitive(_ text: String) -> String {
        String(decoding: collapsingWhitespace(Array(text.utf8)), as: UTF8.self)
    }

    /// `whitespaceInsensitive` on UTF-8 bytes.
    static func collapsingWhitespace(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: input.count) { output, written in
                var count = 0
                var pendingSpace = false
                var position = 0
                while position < input.count {
                    let byte = input[position]
                    // Nearly every byte is neither whitespace nor the lead byte of U+00A0: one test for those.
                    if byte > 0x20 && byte != 0xC2 {
                        if pendingSpace {
                            output[count] = 0x20
                            count += 1
                            pendingSpace = false
                        }
                        output[count] = byte
                        count += 1
                        position += 1
                        continue
                    }
                    if byte == 0x20 || byte == 0x09 || byte == 0x0A {
                        pendingSpace = count > 0
                        position += 1
                        continue
                    }
                    if byte == 0xC2, position + 1 < input.count, input[position + 1] == 0xA0 {
                        pendingSpace = count > 0
                        position += 2
                        continue
                    }
                    if pendingSpace {
                        output[count] = 0x20
                        count += 1
                        pendingSpace = false
                    }
                    output[count] = byte
                    count += 1
                    position += 1
                }
                written = count
            }
        }
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
