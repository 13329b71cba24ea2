import ArgumentParser
import CablewatchCore

/// Checks the dates given on the command line: a date the archive cannot compare (`yesterday`, `28/04/2011`) would
/// match nothing and exit 0, which looks like an empty archive.
enum DateArgument {
    /// Whether `text` is a calendar date written `YYYY-MM-DD`.
    static func isDay(_ text: String) -> Bool {
        text.utf8.count == 10 && Timestamp.date(from: text + "T00:00:00Z") != nil
    }

    /// Whether `text` is a day or a full timestamp (`2011-04-28T10:00:00Z`).
    static func isDayOrTime(_ text: String) -> Bool {
        isDay(text) || Timestamp.date(from: text) != nil
    }

    /// Throws the usage error for `option` unless `text` is a `YYYY-MM-DD` day.
    static func requireDay(_ text: String?, option: String) throws {
        guard let text, !isDay(text) else { return }
        throw ValidationError("\(option) \(text): expected a date as YYYY-MM-DD, e.g. 2011-04-28")
    }
}
