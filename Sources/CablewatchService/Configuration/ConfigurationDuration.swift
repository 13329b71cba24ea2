/// Reads and writes the configuration's duration notation: a whole number and one of `ms`, `s`, `m`, `h`.
enum ConfigurationDuration {
    /// What a duration looks like, for error messages.
    static let expected = "e.g. 250ms, 30s, 15m, 24h"

    /// Parses `250ms`, `30s`, `15m`, `24h`, `0s`; anything else (spaces, fractions, signs, other units) is `nil`.
    static func parse(_ text: String) -> Duration? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let unit = text.dropFirst(digits.count)
        guard !digits.isEmpty, digits.count <= 12, let amount = Int64(digits) else { return nil }
        let millisecondsPerUnit: Int64
        switch unit {
        case "ms": millisecondsPerUnit = 1
        case "s": millisecondsPerUnit = 1_000
        case "m": millisecondsPerUnit = 60_000
        case "h": millisecondsPerUnit = 3_600_000
        default: return nil
        }
        let (milliseconds, overflow) = amount.multipliedReportingOverflow(by: millisecondsPerUnit)
        guard !overflow else { return nil }
        return .milliseconds(milliseconds)
    }

    /// Writes a duration in the largest unit that represents it exactly (`15m`, `250ms`, `0s`).
    static func format(_ duration: Duration) -> String {
        let milliseconds = duration.wholeMilliseconds
        if milliseconds == 0 { return "0s" }
        if milliseconds % 3_600_000 == 0 { return "\(milliseconds / 3_600_000)h" }
        if milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000)m" }
        if milliseconds % 1_000 == 0 { return "\(milliseconds / 1_000)s" }
        return "\(milliseconds)ms"
    }
}
