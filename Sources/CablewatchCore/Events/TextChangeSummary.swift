/// A short, human-sized summary of how a cable's text changed between two revisions.
public struct TextChangeSummary: Sendable, Hashable, Codable {
    public var linesAdded: Int
    public var linesRemoved: Int
    public var redactionsBefore: Int
    public var redactionsAfter: Int

    public init(linesAdded: Int, linesRemoved: Int, redactionsBefore: Int, redactionsAfter: Int) {
        self.linesAdded = linesAdded
        self.linesRemoved = linesRemoved
        self.redactionsBefore = redactionsBefore
        self.redactionsAfter = redactionsAfter
    }

    /// The redaction marker: a run of twelve `X`.
    public static let redactionMarker = "XXXXXXXXXXXX"

    /// Compares two canonical texts line by line (as multisets of lines) and counts redactions.
    public static func between(old: String, new: String) -> TextChangeSummary {
        var remaining: [Substring: Int] = [:]
        for line in old.split(separator: "\n", omittingEmptySubsequences: false) {
            remaining[line, default: 0] += 1
        }
        var added = 0
        for line in new.split(separator: "\n", omittingEmptySubsequences: false) {
            if let count = remaining[line], count > 0 {
                remaining[line] = count - 1
            } else {
                added += 1
            }
        }
        let removed = remaining.values.reduce(0, +)
        return TextChangeSummary(
            linesAdded: added, linesRemoved: removed,
            redactionsBefore: countRedactions(in: old), redactionsAfter: countRedactions(in: new)
        )
    }

    /// Counts non-overlapping runs of twelve or more `X` (a longer run counts once).
    public static func countRedactions(in text: String) -> Int {
        var count = 0
        var run = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "X") {
                run += 1
                if run == 12 { count += 1 }
            } else {
                run = 0
            }
        }
        return count
    }
}
