import Foundation

/// A civil date and minute of day (UTC), with the simulator's fixed text formats; no calendar library involved.
public struct SimDate: Hashable, Comparable, Sendable, Codable {
    public let year: Int
    public let month: Int
    public let day: Int
    public let hour: Int
    public let minute: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    /// The date `days` days after 1970-01-01 at the given time of day.
    public init(daysSinceEpoch days: Int, hour: Int = 0, minute: Int = 0) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        self.init(
            year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day, hour: hour, minute: minute)
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int {
        let adjustedYear = month <= 2 ? year - 1 : year
        let era = (adjustedYear >= 0 ? adjustedYear : adjustedYear - 399) / 400
        let yearOfEra = adjustedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Seconds since the Unix epoch.
    public var epochSeconds: Int { daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 }

    /// Number of days in the given month.
    public static func daysIn(year: Int, month: Int) -> Int {
        let next =
            month == 12 ? SimDate(year: year + 1, month: 1, day: 1) : SimDate(year: year, month: month + 1, day: 1)
        return next.daysSinceEpoch - SimDate(year: year, month: month, day: 1).daysSinceEpoch
    }

    /// `YYYY-MM-DD`.
    public var dayString: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }
    /// `YYYY-MM`.
    public var monthString: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))" }
    /// `YYYY-MM-DD HH:MM`.
    public var minuteString: String { "\(dayString) \(Self.pad(hour, 2)):\(Self.pad(minute, 2))" }
    /// `YYYY/MM/DD`, the sidebar's link text for a release day.
    public var slashedDayString: String { "\(Self.pad(year, 4))/\(Self.pad(month, 2))/\(Self.pad(day, 2))" }
    /// `YYYY/MM`.
    public var slashedMonthString: String { "\(Self.pad(year, 4))/\(Self.pad(month, 2))" }

    /// RFC 1123 form for HTTP headers, e.g. `Sun, 28 Nov 2010 20:00:00 GMT`.
    public var httpDateString: String {
        let weekday = Self.weekdayNames[((daysSinceEpoch % 7) + 7 + 4) % 7]
        return "\(weekday), \(Self.pad(day, 2)) \(Self.monthNames[month - 1]) \(Self.pad(year, 4)) "
            + "\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):00 GMT"
    }

    /// Parses an RFC 1123 date (`Sun, 28 Nov 2010 20:00:00 GMT`) into epoch seconds.
    public static func epochSeconds(httpDate text: String) -> Int? {
        let parts = text.split(separator: " ")
        guard parts.count >= 5, let day = Int(parts[1]), let year = Int(parts[3]),
            let monthIndex = monthNames.firstIndex(where: {
                $0.caseInsensitiveCompare(String(parts[2])) == .orderedSame
            })
        else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3 else { return nil }
        let date = SimDate(year: year, month: monthIndex + 1, day: day, hour: time[0], minute: time[1])
        return date.epochSeconds + time[2]
    }

    /// Three-letter upper-case month, as in a telegram DTG (`MAY`).
    public var telegramMonth: String { Self.monthNames[month - 1].uppercased() }

    public static func < (lhs: SimDate, rhs: SimDate) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute) < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
}
