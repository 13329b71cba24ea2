/// The three hashes kept for every revision of a cable (lower-case hex SHA-256).
public struct ContentHashes: Sendable, Hashable, Codable {
    /// Hash of the canonical text (DESIGN.md §2.1): the identity of a revision.
    public var contentSHA256: String
    /// Hash of the canonical text with whitespace runs collapsed: equal across formatting churn.
    public var whitespaceInsensitiveSHA256: String
    /// Hash of the page bytes as served.
    public var rawSHA256: String

    public init(contentSHA256: String, whitespaceInsensitiveSHA256: String, rawSHA256: String) {
        self.contentSHA256 = contentSHA256
        self.whitespaceInsensitiveSHA256 = whitespaceInsensitiveSHA256
        self.rawSHA256 = rawSHA256
    }
}
