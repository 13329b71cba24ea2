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
}
