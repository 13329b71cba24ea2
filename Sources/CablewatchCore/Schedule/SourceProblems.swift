import Foundation

/// What is wrong with the source right now, beyond a failed poll: markup the parser does not know (the poll
/// fails, `status` is failing) and a counter above what the listings hold (`status` is degraded). Each is kept in
/// `syncState` until a poll shows it is over.
public struct SourceProblems: Sendable, Codable, Equatable {
    /// `syncState` key of the unrecognised-markup record.
    public static let unrecognisedMarkupKey = "source.unrecognisedMarkup"
    /// `syncState` key of the counter-above-listings record.
    public static let countAboveListingsKey = "source.countAboveListings"

    /// A page that answered 200 but holds none of what that kind of page must hold.
    public struct UnrecognisedMarkup: Sendable, Codable, Equatable {
        public var url: String
        public var detail: String
        public var since: Date

        public init(url: String, detail: String, since: Date) {
            self.url = url
            self.detail = detail
            self.since = since
        }
    }

    /// After a complete enumeration: the counter says more cables are released than the listings hold.
    public struct CountAboveListings: Sendable, Codable, Equatable {
        public var counter: Int
        public var listed: Int
        public var since: Date

        public init(counter: Int, listed: Int, since: Date) {
            self.counter = counter
            self.listed = listed
            self.since = since
        }
    }

    public var unrecognisedMarkup: UnrecognisedMarkup?
    public var countAboveListings: CountAboveListings?

    public init(unrecognisedMarkup: UnrecognisedMarkup? = nil, countAboveListings: CountAboveListings? = nil) {
        self.unrecognisedMarkup = unrecognisedMarkup
        self.countAboveListings = countAboveListings
    }

    /// Reads both records from `syncState` values (absent or empty values are no problem).
    public init(syncState values: [String: String]) {
        self.init(
            unrecognisedMarkup: StateJSON.decode(UnrecognisedMarkup.self, from: values[Self.unrecognisedMarkupKey]),
            countAboveListings: StateJSON.decode(CountAboveListings.self, from: values[Self.countAboveListingsKey]))
    }

    /// One line per problem, for `status` and logs.
    public var lines: [String] {
        var lines: [String] = []
        if let markup = unrecognisedMarkup {
            lines.append(
                "unrecognised markup since \(Timestamp.string(from: markup.since)): \(markup.detail) (\(markup.url))")
        }
        if let gap = countAboveListings {
            lines.append(
                "the counter says \(gap.counter) released but the listings hold \(gap.listed), "
                    + "since \(Timestamp.string(from: gap.since))")
        }
        return lines
    }
}
