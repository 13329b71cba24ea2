import Foundation

/// The words of a text as `cablewatch search` matches them, for a store whose search engine tokenises otherwise
/// (PostgreSQL's parser): maximal runs of letters and numbers (Unicode `L*`, `N*`) with their combining marks,
/// lowercased and without diacritics, as SQLite FTS5's `unicode61` tokenizer reads them. Everything else (spaces,
/// punctuation, symbols) separates words.
public enum SearchWords {
    /// Calls `body` with the UTF-8 bytes of each word of `text`, in order; the buffer is valid during the call.
    public static func forEachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { scan($0, body) }
    }

    /// The words of `text`, in order.
    public static func words(in text: String) -> [String] {
        var words: [String] = []
        forEachWord(in: text) { words.append(String(decoding: $0, as: UTF8.self)) }
        return words
    }

    /// The scan itself: each word's bytes go to a buffer as long as the text, so no word can outgrow it.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { word in
            // The word so far: `length` bytes, its ASCII letters lowercased; one with other letters is folded.
            var length = 0
            var needsFolding = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    {
                        word[length] = byte
                        length += 1
                    } else if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                        word[length] = byte | 0x20
                        length += 1
                    } else if length > 0 {
                        emit(UnsafeBufferPointer(rebasing: word[..<length]), folding: needsFolding, body)
                        length = 0
                        needsFolding = false
                    }
                    index += 1
                    continue
                }
                // A String's bytes are valid UTF-8: the lead byte says how many follow.
                let count = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                let end = min(index + count, bytes.count)
                var value = UInt32(byte) & (0x7F >> count)
                for continuation in bytes[(index + 1)..<end] { value = value << 6 | UInt32(continuation & 0x3F) }
                if let scalar = Unicode.Scalar(value), isWordScalar(scalar) {
                    for offset in index..<end {
                        word[length] = bytes[offset]
                        length += 1
                    }
                    needsFolding = true
                } else if length > 0 {
                    emit(UnsafeBufferPointer(rebasing: word[..<length]), folding: needsFolding, body)
                    length = 0
                    needsFolding = false
                }
                index = end
            }
            if length > 0 { emit(UnsafeBufferPointer(rebasing: word[..<length]), folding: needsFolding, body) }
        }
    }

    /// Hands `word` to `body`, folded when it has letters other than ASCII.
    private static func emit(
        _ word: UnsafeBufferPointer<UInt8>, folding: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        guard folding else { return body(word) }
        var folded = folded(String(decoding: word, as: UTF8.self))
        folded.withUTF8(body)
    }

    /// Whether `scalar` belongs to a word: a letter, a number, or a combining mark.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
            .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            true
        default:
            false
        }
    }

    /// `word` lowercased, its diacritics (the nonspacing marks of its canonical decomposition) removed.
    private static func folded(_ word: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory != .nonspacingMark { scalars.append(scalar) }
        }
        // A word of marks alone (rare) keeps them rather than vanishing.
        return scalars.isEmpty ? word.lowercased() : String(scalars)
    }
}
