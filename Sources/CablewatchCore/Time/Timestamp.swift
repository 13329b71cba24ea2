import Foundation

/// UTC timestamps as cablewatch writes them everywhere: `2011-04-28T00:00:03.123Z`. Fixed width, so they sort as text.
public enum Timestamp {
    /// Formats a date as ISO 8601 UTC with milliseconds.
    public static func string(from date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis.floorDiv(1000)
        let ms = millis - seconds * 1000
        var tm = tm()
        var time = time_t(seconds)
        gmtime_r(&time, &tm)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(tm.tm_year) + 1900, Int(tm.tm_mon) + 1,
            Int(tm.tm_mday), Int(tm.tm_hour), Int(tm.tm_min), Int(tm.tm_sec), Int(ms))
    }

    /// Parses a timestamp written by `string(from:)` (or without milliseconds).
    public static func date(from text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

extension Int64 {
    fileprivate func floorDiv(_ divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
