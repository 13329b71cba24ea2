/// A pattern over event types such as `*`, `cable.*` or `release.progress`; `*` matches any run of characters.
public struct EventTypeGlob: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String

    /// A glob that matches every event type.
    public static let all = EventTypeGlob(checkedPattern: "*")

    /// Parses a pattern made of letters, digits, `.`, `_`, `-` and `*`.
    public init(parsing pattern: String) throws(NotifyError) {
        guard !pattern.isEmpty else {
            throw .invalidEventTypeGlob(pattern: pattern, reason: "it is empty")
        }
        let allowed = pattern.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || scalar == "." || scalar == "_" || scalar == "-" || scalar == "*")
        }
        guard allowed else {
            throw .invalidEventTypeGlob(
                pattern: pattern, reason: "only letters, digits, '.', '_', '-' and '*' are allowed")
        }
        self.pattern = pattern
    }

    private init(checkedPattern: String) {
        self.pattern = checkedPattern
    }

    /// Whether `eventType` matches this pattern (case-sensitive, the whole type must match).
    public func matches(_ eventType: String) -> Bool {
        Self.match(pattern: Array(pattern.utf8)[...], text: Array(eventType.utf8)[...])
    }

    public var description: String { pattern }

    private static func match(pattern: ArraySlice<UInt8>, text: ArraySlice<UInt8>) -> Bool {
        // Iterative wildcard matching with single backtracking point (classic glob algorithm).
        var patternIndex = pattern.startIndex
        var textIndex = text.startIndex
        var starIndex: Int?
        var textAfterStar = text.startIndex
        let star = UInt8(ascii: "*")
        while textIndex < text.endIndex {
            if patternIndex < pattern.endIndex, pattern[patternIndex] == star {
                starIndex = patternIndex
                textAfterStar = textIndex
                patternIndex += 1
            } else if patternIndex < pattern.endIndex, pattern[patternIndex] == text[textIndex] {
                patternIndex += 1
                textIndex += 1
            } else if let lastStar = starIndex {
                patternIndex = lastStar + 1
                textAfterStar += 1
                textIndex = textAfterStar
            } else {
                return false
            }
        }
        while patternIndex < pattern.endIndex, pattern[patternIndex] == star {
            patternIndex += 1
        }
        return patternIndex == pattern.endIndex
    }
}
