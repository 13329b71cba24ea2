/// Parses the three HTTP-date forms (IMF-fixdate, RFC 850, asctime) into seconds since 1970 (UTC).
public enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `Sun, 06 Nov 1994 08:49:37 GMT`, `Sunday, 06-Nov-94 08:49:37 GMT` or `Sun Nov  6 08:49:37 1994`.
    public static func epochSeconds(from text: String) -> Int64? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" })
        var month: Int?
        var time: [Int]?
        var numbers: [Int] = []
        for token in tokens {
            if token.contains(":") {
                let parts = token.split(separator: ":").compactMap { Int($0) }
                guard parts.count == 3 else { return nil }
                time = parts
            } else if let value = Int(token) {
                numbers.append(value)
            } else if let index = months.firstIndex(of: token.prefix(3).lowercased()), token.count <= 9 {
                month = index + 1
            }
        }
        guard let month, let time, numbers.count == 2 else { return nil }
        let day = numbers[0]
        var year = numbers[1]
        if year < 100 { year += year < 70 ? 2000 : 1900 }
        guard (1...CivilDate.daysIn(month: Int64(month), year: Int64(year))).contains(Int64(day)),
            (0...23).contains(time[0]), (0...59).contains(time[1]), (0...60).contains(time[2])
        else { return nil }
        let days = CivilDate.daysSinceEpoch(year: Int64(year), month: Int64(month), day: Int64(day))
        return days * 86_400 + Int64(time[0] * 3600 + time[1] * 60 + time[2])
    }
}
