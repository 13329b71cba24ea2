/// A page of the source that could not be fetched or parsed while the rest of the site could: recorded with why and
/// since when, retried with backoff on later cycles, and removed from quarantine when it heals. The cycle that meets
/// it goes on without it (DESIGN.md §3.1).
public struct QuarantinedPage: Sendable, Hashable, Codable {
    /// Which kind of page: a listing page leaves its release day incomplete, a cable page leaves its cable out.
    public enum Kind: String, Sendable, Hashable, Codable {
        case listing
        case cable
    }

    /// Whether the page could not be had at all, or came but could not be read.
    public enum Problem: String, Sendable, Hashable, Codable {
        case unfetchable
        case unparseable
    }

    /// The page's URL as the listing gave it (an off-origin link is kept as written).
    public var url: String
    public var kind: Kind
    /// The cable a cable page should hold, as its listing row names it.
    public var referenceId: String?
    /// The Released date of that listing row.
    public var listedReleased: String?
    public var problem: Problem
    /// One line saying precisely what is wrong.
    public var reason: String
    public var firstSeenAt: String
    public var lastSeenAt: String
    /// Fetches tried so far (1 when first quarantined).
    public var attempts: Int
    /// Not tried again before this timestamp.
    public var nextAttemptAt: String

    public init(
        url: String, kind: Kind, referenceId: String? = nil, listedReleased: String? = nil, problem: Problem,
        reason: String, firstSeenAt: String, lastSeenAt: String, attempts: Int, nextAttemptAt: String
    ) {
        self.url = url
        self.kind = kind
        self.referenceId = referenceId
        self.listedReleased = listedReleased
        self.problem = problem
        self.reason = reason
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
    }
}
