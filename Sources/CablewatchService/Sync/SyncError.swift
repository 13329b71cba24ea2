import CablewatchCore
import CablewatchStore

/// Why a poll cycle failed, with the URL or reference ID it concerns. The archive keeps everything committed
/// before the failure; nothing half-done is stored.
public struct SyncError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public enum Kind: Sendable {
        case fetch(FetchError)
        case parse(PageParseError)
        case store(StoreError)
        case offOrigin
        case invalidSourceURL
        case missingCounter
        /// A page in quarantine whose next attempt is not due yet (not fetched this cycle).
        case heldInQuarantine
        /// A page answered 200 but its markup is not one the parser knows (the detail says what is missing).
        case unrecognisedMarkup(String)
        case referenceMismatch(expected: String, found: String)
        case cancelled
        /// The whole cycle overran `poll.timeout` and was cancelled.
        case timedOut(Duration)
    }

    public var kind: Kind
    /// The page concerned, when there is one.
    public var url: String?
    /// Requests the failed cycle made before it stopped (recorded with the poll).
    public var requests = 0
    /// Cable pages fetched and parsed before it stopped.
    public var cablesFetched = 0

    public init(_ kind: Kind, url: String? = nil) {
        self.kind = kind
        self.url = url
    }

    public var description: String {
        let at = url.map { " (\($0))" } ?? ""
        if let detail = unrecognisedMarkup { return "unrecognised markup\(at): \(detail)" }
        switch kind {
        case .fetch(let error): return "\(error)"
        case .parse(let error): return "unparseable page\(at): \(error)"
        case .store(let error): return "archive: \(error)"
        case .offOrigin: return "refused a link outside the source's origin\(at)"
        case .heldInQuarantine: return "in quarantine until its next attempt is due\(at)"
        case .invalidSourceURL: return "the source URL is not an http(s) base URL\(at)"
        case .missingCounter: return "the home page has no \"Currently released so far\" counter\(at)"
        case .unrecognisedMarkup(let detail): return "unrecognised markup\(at): \(detail)"
        case .referenceMismatch(let expected, let found):
            return "listing says \(expected) but the cable page says \(found)\(at)"
        case .cancelled: return "poll cancelled"
        case .timedOut(let limit): return "poll overran its \(limit) limit (poll.timeout) and was cancelled"
        }
    }

    /// What is unrecognisable about a page that answered 200, or nil when the failure is something else: a page
    /// with none of what its kind must hold. A page that is recognisably a listing or a cable but incomplete, or cut
    /// short, is a broken page, not unknown markup.
    public var unrecognisedMarkup: String? {
        switch kind {
        case .unrecognisedMarkup(let detail):
            return detail
        case .missingCounter:
            return "the home page has no \"Currently released so far\" counter"
        case .parse(let error):
            switch error.kind {
            case .missingListing, .missingCableTable, .unrecognisedPage, .missingCounter, .missingReleaseDays:
                return error.detail
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// Whether this failure belongs to one page, which is quarantined while the cycle goes on: an HTTP error other
    /// than the source asking to slow down (429, 503), a body over the size limit, a link or redirect off the
    /// source's origin, a page that is not the cable its listing names, or one that cannot be parsed. A transport
    /// failure, markup this version does not know, or an archive error fails the cycle instead.
    public var isPageProblem: Bool {
        switch kind {
        case .fetch(let error):
            switch error.kind {
            case .httpStatus(let status, _): return status != 429 && status != 503
            case .tooLarge, .offOrigin, .unsupportedScheme: return true
            default: return false
            }
        case .parse: return unrecognisedMarkup == nil
        case .offOrigin, .referenceMismatch, .heldInQuarantine: return true
        default: return false
        }
    }

    /// Whether the page could not be had at all (as opposed to came but could not be read).
    var isUnfetchable: Bool {
        switch kind {
        case .fetch, .offOrigin: true
        default: false
        }
    }

    /// Whether the source itself did not answer as a source should: a transport failure or an HTTP error (the only
    /// failures that count towards `source.unreachable`; markup or archive problems do not).
    public var sourceDidNotAnswer: Bool {
        switch kind {
        case .fetch, .timedOut: true
        default: false
        }
    }

    /// Whether the source answered 404 Not Found.
    var isNotFound: Bool {
        if case .fetch(let error) = kind, case .httpStatus(404, _) = error.kind { return true }
        return false
    }

    /// Retry-After the source asked for, in seconds, if any.
    public var retryAfterSeconds: Int? {
        if case .fetch(let error) = kind, case .httpStatus(_, let retryAfter) = error.kind { return retryAfter }
        return nil
    }
}
