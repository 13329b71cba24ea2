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
        input.withUnsafeBufferPointer { inputBuffer in
            [UInt8](unsafeUninitializedCapacity: inputBuffer.count) { outputBuffer, written in
                guard let input = inputBuffer.baseAddress, let output = outputBuffer.baseAddress else {
                    written = 0
                    return
                }
                // Copies sixteen bytes at a time where nothing needs folding, and otherwise steps without branching
                // on the byte, since a space every few letters defeats branch prediction: each step writes a space and
                // the byte at the output's end and keeps what it needs. Bound: `count + pending <= position` before
                // each step, so every write stays inside the input's size.
                let end = inputBuffer.count
                var count = 0
                var pending = 0
                var position = 0
                var scalarUntil = 0
                let space = SIMD16<UInt8>(repeating: 0x20)
                let tab = SIMD16<UInt8>(repeating: 0x09)
                let lineFeed = SIMD16<UInt8>(repeating: 0x0A)
                let nbspLead = SIMD16<UInt8>(repeating: 0xC2)
                while position < end {
                    // Sixteen bytes at once when nothing in them needs folding: every whitespace byte is alone
                    // between two others (it becomes one space), no U+00A0, and no space is pending before them.
                    // Otherwise (a run of whitespace, a line's end) the next sixteen go byte by byte.
                    if position >= scalarUntil, position + 16 <= end, count > 0, pending == 0 {
                        let chunk = UnsafeRawPointer(input + position).loadUnaligned(as: SIMD16<UInt8>.self)
                        let before = UnsafeRawPointer(input + position - 1).loadUnaligned(as: SIMD16<UInt8>.self)
                        let isSpace = (chunk .== space) .| (chunk .== tab) .| (chunk .== lineFeed)
                        let wasSpace = (before .== space) .| (before .== tab) .| (before .== lineFeed)
                        // (`pending == 0` with `count > 0` means the byte before the chunk is not whitespace.)
                        if !any(isSpace .& wasSpace) && !any(chunk .== nbspLead) && !isSpace[15] {
                            UnsafeMutableRawPointer(output + count).storeBytes(
                                of: chunk.replacing(with: space, where: isSpace), as: SIMD16<UInt8>.self)
                            count &+= 16
                            position &+= 16
                            continue
                        }
                        scalarUntil = position + 16
                    }
                    let byte = input[position]
                    if byte == 0xC2, position + 1 < end, input[position + 1] == 0xA0 {
                        pending = count > 0 ? 1 : pending  // U+00A0 is whitespace too
                        position += 2
                        continue
                    }
                    // Bits 9, 10 and 32 of the mask are tab, line feed and space; bytes above 0x20 never match.
                    let inMask = Int(truncatingIfNeeded: (0x1_0000_0600 as UInt64) &>> UInt64(byte & 63)) & 1
                    let isSpace = inMask & (byte < 0x21 ? 1 : 0)
                    let kept = 1 &- isSpace
                    output[count] = 0x20
                    count &+= pending & kept
                    output[count] = byte
                    count &+= kept
                    pending = isSpace & (pending | (count > 0 ? 1 : 0))
                    position &+= 1
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
