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
            whitespaceInsensitiveSHA256: sha256Hex(collapsingWhitespace(canonical)),
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
    static func collapsingWhitespace(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var position = 0
        var previous: UInt8 = 0x20  // the start counts as after a space, so leading whitespace folds away
        while position < input.count {
            // A lone space between two other bytes stays as it is, so text is copied a run at a time up to the next
            // tab, line feed, U+00A0 lead byte or second space. The test has one branch, taken once a run.
            let runStart = position
            while position < input.count {
                let value = UInt32(input[position])
                let foldsAlone = (value ^ 0x09) &* (value ^ 0x0A) &* (value ^ 0xC2) == 0
                let secondSpace = (value ^ 0x20) | (UInt32(previous) ^ 0x20) == 0
                if foldsAlone || secondSpace { break }
                previous = input[position]
                position += 1
            }
            output.append(contentsOf: input[runStart..<position])
            // A run of whitespace becomes one space, none at either end; a 0xC2 not starting U+00A0 is text.
            var sawWhitespace = false
            while let width = whitespaceWidth(input, at: position) {
                position += width
                sawWhitespace = true
            }
            if sawWhitespace {
                if !output.isEmpty, output.last != 0x20, position < input.count { output.append(0x20) }
            } else if position < input.count {
                output.append(input[position])
                previous = input[position]
                position += 1
            }
        }
        while output.last == 0x20 { output.removeLast() }
        return output
    }

    /// The width of the whitespace at `index` (1 for space, tab and line feed, 2 for U+00A0), nil if there is none.
    private static func whitespaceWidth(_ input: [UInt8], at index: Int) -> Int? {
        guard index < input.count else { return nil }
        switch input[index] {
        case 0x20, 0x09, 0x0A: return 1
        case 0xC2 where index + 1 < input.count && input[index + 1] == 0xA0: return 2
        default: return nil
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
