/// Small text helpers for the markup contract: escaping, thousands separators.
enum HTMLText {
    /// Escapes `&`, `<`, `>` for text outside `<pre>` blocks.
    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }

    /// `251287` → `251,287`.
    static func thousands(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (position, digit) in digits.enumerated() {
            if position > 0 && (digits.count - position) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return result
    }
}
