extension StringProtocol {
    /// The text without leading and trailing whitespace (space, tab, newlines, U+00A0).
    var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isCableWhitespace }),
            let last = lastIndex(where: { !$0.isCableWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}

extension Character {
    /// Whitespace as cables use it: space, tab, newlines, carriage return, U+00A0.
    var isCableWhitespace: Bool {
        self == " " || self == "\t" || self == "\n" || self == "\r" || self == "\r\n" || self == "\u{00A0}"
    }
}
