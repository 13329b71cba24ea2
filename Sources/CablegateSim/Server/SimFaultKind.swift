/// The kinds of injectable faults.
public enum SimFaultKind: String, Sendable, Hashable, Codable, CaseIterable {
    case status500
    case status503
    case status429
    /// Answers 404 Not Found for a page that exists.
    case status404
    case slow
    case reset
    case truncated
    case cutPre
    case garbage
    case oversize
    case crossOriginLink
    case redirectOffsite
    /// Publishes the next build just before answering the matching request, which is then served from it: a
    /// release landing while a client walks the site (for example between a day's listing pages).
    case advanceBuild
    /// Answers a listing page as the previous build rendered it (older counter, older rows and validators), like a
    /// page file a rebuilt mirror left behind.
    case staleListing
    /// Serves the page with every occurrence of the fault's `find` bytes replaced by its `replacement` bytes (which
    /// may hold a NUL or invalid UTF-8): a page of hostile or drifting markup, made from the real one.
    case rewrite
}
