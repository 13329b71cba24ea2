/// Reads a `Retry-After` header: delay-seconds (`120`) or an HTTP-date, turned into seconds from now.
enum RetryAfter {
    /// Seconds to wait, never negative; nil when the header is absent or unreadable.
    static func seconds(from value: String?, nowEpochSeconds: Int64) -> Int? {
        guard let value else { return nil }
        let trimmed = value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return Int(trimmed.prefix(9))
        }
        guard let date = HTTPDate.epochSeconds(from: trimmed) else { return nil }
        return Int(max(0, date - nowEpochSeconds))
    }
}
