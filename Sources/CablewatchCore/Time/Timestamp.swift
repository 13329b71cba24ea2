import Foundation

/// UTC timestamps as cablewatch writes them everywhere: `2011-04-28T00:00:03.123Z`. Fixed width, so they sort as text.
///
/// Formatting and parsing are plain arithmetic on the proleptic Gregorian calendar (no `DateFormatter`, ICU or
/// `String(format:)`): every event, poll record and delivery attempt carries one, and a one-shot command should not
/// pay for a formatter's set-up.
public enum Timestamp {
    /// Formats a date as ISO 8601 UTC with milliseconds (rounded down). Fixed width for years 0000 through 9999.
    public static func string(from date: Date) -> String {
        // To the nearest microsecond first: `Date` keeps seconds since 2001, so a date made from `…03.123` seconds
        // since 1970 reads back a tenth of a microsecond off, and would otherwise print as `.122`.
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (millis, _) = micros.floorDivided(by: 1000)
        let (seconds, ms) = millis.floorDivided(by: 1000)
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let (year, month, day) = CivilDate.fromDaysSinceEpoch(days)
        var text = [UInt8]()
        text.reserveCapacity(24)
        text.appendDigits(year, width: 4)
        text.append(UInt8(ascii: "-"))
        text.appendDigits(month, width: 2)
        text.append(UInt8(ascii: "-"))
        text.appendDigits(day, width: 2)
        text.append(UInt8(ascii: "T"))
        text.appendDigits(secondOfDay / 3600, width: 2)
        text.append(UInt8(ascii: ":"))
        text.appendDigits(secondOfDay % 3600 / 60, width: 2)
        text.append(UInt8(ascii: ":"))
        text.appendDigits(secondOfDay % 60, width: 2)
        text.append(UInt8(ascii: "."))
        text.appendDigits(ms, width: 3)
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    /// Parses an RFC 3339 timestamp: `YYYY-MM-DDTHH:MM:SS`, optional fraction (1–9 digits), then `Z` or `±HH:MM`.
    /// This reads everything `string(from:)` writes (and the same without milliseconds); anything else is `nil`.
    public static func date(from text: String) -> Date? {
        var reader = TimestampReader(Array(text.utf8))
        guard let year = reader.number(digits: 4), reader.skip("-"),
            let month = reader.number(digits: 2), reader.skip("-"),
            let day = reader.number(digits: 2), reader.skip("T") || reader.skip("t"),
            let hour = reader.number(digits: 2), reader.skip(":"),
            let minute = reader.number(digits: 2), reader.skip(":"),
            let second = reader.number(digits: 2)
        else { return nil }
        guard (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var fraction = 0.0
        if reader.skip(".") {
            guard let (value, digits) = reader.fraction(maxDigits: 9) else { return nil }
            fraction = Double(value) / pow(10, Double(digits))
        }
        var offsetSeconds: Int64 = 0
        if reader.skip("Z") || reader.skip("z") {
            offsetSeconds = 0
        } else if let sign = reader.sign() {
            guard let offsetHours = reader.number(digits: 2), reader.skip(":"),
                let offsetMinutes = reader.number(digits: 2), offsetHours < 24, offsetMinutes < 60
            else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard reader.isAtEnd else { return nil }
        let days = CivilDate.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}

/// A cursor over a timestamp's bytes for `Timestamp.date(from:)`.
private struct TimestampReader {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// Exactly `digits` decimal digits.
    mutating func number(digits: Int) -> Int64? {
        guard index + digits <= bytes.count else { return nil }
        var value: Int64 = 0
        for byte in bytes[index..<index + digits] {
            guard ByteScanner.isDigit(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        index += digits
        return value
    }

    /// One to `maxDigits` decimal digits: their value and how many there were.
    mutating func fraction(maxDigits: Int) -> (Int64, Int)? {
        var value: Int64 = 0
        var count = 0
        while index < bytes.count, ByteScanner.isDigit(bytes[index]) {
            guard count < maxDigits else { return nil }
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            count += 1
            index += 1
        }
        return count == 0 ? nil : (value, count)
    }

    /// `+` or `-`, as 1 or -1.
    mutating func sign() -> Int64? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}

extension Int64 {
    /// Floor division and the matching non-negative remainder.
    fileprivate func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = self / divisor
        let remainder = self % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}

extension [UInt8] {
    /// Appends `value` in decimal, zero-padded to at least `width` digits: zeros first, then the digits written
    /// from the right, with no buffer of its own (every event's timestamp comes through here).
    fileprivate mutating func appendDigits(_ value: Int64, width: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var digitCount = 1
        var scan = rest / 10
        while scan > 0 {
            digitCount += 1
            scan /= 10
        }
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: Swift.max(width, digitCount)))
        var position = count - 1
        repeat {
            self[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            position -= 1
        } while rest > 0
    }
}
