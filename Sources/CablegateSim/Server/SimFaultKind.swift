/// The kinds of injectable faults.
public enum SimFaultKind: String, Sendable, Hashable, Codable, CaseIterable {
    case status500
    case status503
    case status429
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
}
