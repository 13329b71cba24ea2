import Foundation

/// Reads a `Retry-After` header value: delay-seconds (`120`) or an HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`), for
/// both the page fetcher and the webhook deliverer.
public enum RetryAfterHeader {
    /// Seconds to wait, never negative; nil when the value is absent or unreadable.
    public static func seconds(from value: String?, nowEpochSeconds: Int64) -> Int? {
        guard let value else { return nil }
        let trimmed = value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return Int(trimmed.prefix(9))
        }
        guard let date = HTTPDate.epochSeconds(from: trimmed) else { return nil }
        return Int(max(0, date - nowEpochSeconds))
    }

    /// `seconds(from:nowEpochSeconds:)` as a duration from `now`.
    public static func delay(from value: String?, now: Date) -> Duration? {
        let nowSeconds = Int64(now.timeIntervalSince1970.rounded(.down))
        return seconds(from: value, nowEpochSeconds: nowSeconds).map { .seconds($0) }
    }
}
