import Foundation

/// Searches over a page's bytes: substrings, tags and attributes, by index into the page.
struct ByteScanner {
    let bytes: [UInt8]

    var count: Int { bytes.count }

    subscript(index: Int) -> UInt8 { bytes[index] }

    /// The first index of `byte` in `start..<end`.
    func index(of byte: UInt8, from start: Int, to end: Int) -> Int? {
        guard start >= 0, end <= bytes.count, start < end else { return nil }
        // libc's vectorised memchr: the parser looks for the next `<` once for every tag of a page.
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let hit = memchr(base + start, Int32(byte), end - start) else {
                return nil
            }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
        }
    }

    /// The first index of `needle` (exact bytes) in `start..<end`.
    func find(_ needle: [UInt8], from start: Int, to end: Int) -> Int? {
        guard let first = needle.first else { return start }
        var position = start
        while let hit = index(of: first, from: position, to: end - needle.count + 1) {
            if matches(needle, at: hit) { return hit }
            position = hit + 1
        }
        return nil
    }

    /// The first index of `needle` (lower-case ASCII) in `start..<end`, ignoring ASCII case.
    func findIgnoringCase(_ needle: [UInt8], from start: Int, to end: Int) -> Int? {
        guard let first = needle.first else { return start }
        // `| 0x20` folds only the case of a letter; the one comparison keeps the loop to a single branch a byte.
        let fold: UInt8 = ByteScanner.isLetter(first) ? 0x20 : 0
        var position = max(start, 0)
        while position < end - needle.count + 1 {
            if bytes[position] | fold == first, matchesIgnoringCase(needle, at: position) {
                return position
            }
            position += 1
        }
        return nil
    }

    /// Whether `needle` occurs exactly at `index`.
    func matches(_ needle: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + needle.count <= bytes.count else { return false }
        for offset in 0..<needle.count where bytes[index + offset] != needle[offset] { return false }
        return true
    }

    /// Whether `needle` (lower-case ASCII) occurs at `index`, ignoring ASCII case.
    func matchesIgnoringCase(_ needle: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + needle.count <= bytes.count else { return false }
        for offset in 0..<needle.count where ByteScanner.lower(bytes[index + offset]) != needle[offset] {
            return false
        }
        return true
    }

    /// The first index at or after `start` (before `end`) that is not HTML whitespace.
    func skipWhitespace(from start: Int, to end: Int) -> Int {
        var position = start
        while position < end, ByteScanner.isWhitespace(bytes[position]) { position += 1 }
        return position
    }

    // MARK: Tags

    /// The tag starting at `index` (which holds `<`), or nil if it is not a well-formed tag.
    func tag(at index: Int, end: Int) -> Tag? {
        guard index < end, bytes[index] == UInt8(ascii: "<") else { return nil }
        var position = index + 1
        var isClosing = false
        if position < end, bytes[position] == UInt8(ascii: "/") {
            isClosing = true
            position += 1
        }
        let nameStart = position
        while position < end, ByteScanner.isNameByte(bytes[position]) { position += 1 }
        guard position > nameStart else { return nil }
        let nameEnd = position
        // Find the closing '>' outside quoted attribute values.
        var quote: UInt8 = 0
        while position < end {
            let byte = bytes[position]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return Tag(
                    start: index, end: position + 1, nameStart: nameStart, nameEnd: nameEnd, isClosing: isClosing)
            } else if byte == UInt8(ascii: "<") {
                return nil
            }
            position += 1
        }
        return nil
    }

    /// Whether `tag`'s name is `name` (lower-case ASCII), ignoring case.
    func tag(_ tag: Tag, isNamed name: [UInt8]) -> Bool {
        tag.nameEnd - tag.nameStart == name.count && matchesIgnoringCase(name, at: tag.nameStart)
    }

    /// The next tag named `name` (lower-case) in `start..<end`: opening or closing as asked, either when `closing`
    /// is nil.
    func nextTag(_ name: [UInt8], closing: Bool? = false, from start: Int, to end: Int) -> Tag? {
        guard let firstLetter = name.first else { return nil }
        var position = start
        while let hit = index(of: UInt8(ascii: "<"), from: position, to: end) {
            position = hit + 1
            // Most tags of a page are not the one sought: one comparison of the name's first letter rejects them.
            guard hit + 2 < end else { return nil }
            let isClosing = bytes[hit + 1] == UInt8(ascii: "/")
            let nameAt = hit + (isClosing ? 2 : 1)
            guard ByteScanner.lower(bytes[nameAt]) == firstLetter else { continue }
            if closing == nil || closing == isClosing,
                matchesIgnoringCase(name, at: nameAt),
                nameAt + name.count < end,
                !ByteScanner.isNameByte(bytes[nameAt + name.count]),
                let found = tag(at: hit, end: end)
            {
                return found
            }
        }
        return nil
    }

    private static let classAttribute = Array("class".utf8)

    /// The next opening tag named `name` whose `class` attribute contains `className`.
    func nextTag(_ name: [UInt8], withClass className: [UInt8], from start: Int, to end: Int) -> Tag? {
        var position = start
        while let found = nextTag(name, from: position, to: end) {
            if let value = attribute(Self.classAttribute, of: found), classList(value, contains: className) {
                return found
            }
            position = found.end
        }
        return nil
    }

    /// The byte range of attribute `name`'s value (lower-case name, case-insensitive match), if present.
    func attribute(_ name: [UInt8], of tag: Tag) -> Range<Int>? {
        var position = tag.nameEnd
        let end = tag.end - 1
        while position < end {
            position = skipWhitespace(from: position, to: end)
            let attributeStart = position
            while position < end, ByteScanner.isNameByte(bytes[position]) || bytes[position] == UInt8(ascii: ":") {
                position += 1
            }
            let attributeEnd = position
            if attributeEnd == attributeStart {
                position += 1
                continue
            }
            position = skipWhitespace(from: position, to: end)
            var value: Range<Int> = position..<position
            if position < end, bytes[position] == UInt8(ascii: "=") {
                position = skipWhitespace(from: position + 1, to: end)
                if position < end, bytes[position] == UInt8(ascii: "'") || bytes[position] == UInt8(ascii: "\"") {
                    let quote = bytes[position]
                    let valueEnd = index(of: quote, from: position + 1, to: end) ?? end
                    value = (position + 1)..<valueEnd
                    position = valueEnd + 1
                } else {
                    let valueStart = position
                    while position < end, !ByteScanner.isWhitespace(bytes[position]) { position += 1 }
                    value = valueStart..<position
                }
            }
            if attributeEnd - attributeStart == name.count, matchesIgnoringCase(name, at: attributeStart) {
                return value
            }
        }
        return nil
    }

    private func classList(_ value: Range<Int>, contains className: [UInt8]) -> Bool {
        var position = value.lowerBound
        while position < value.upperBound {
            position = skipWhitespace(from: position, to: value.upperBound)
            let wordStart = position
            while position < value.upperBound, !ByteScanner.isWhitespace(bytes[position]) { position += 1 }
            if position - wordStart == className.count, matchesIgnoringCase(className, at: wordStart) { return true }
        }
        return false
    }

    // MARK: Byte classes

    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        let folded = byte | 0x20
        return folded >= UInt8(ascii: "a") && folded <= UInt8(ascii: "z")
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}

/// The position of one HTML tag in a page.
struct Tag {
    /// Index of `<`.
    let start: Int
    /// Index just after `>`.
    let end: Int
    let nameStart: Int
    let nameEnd: Int
    let isClosing: Bool
}
