/// The kinds of edits the release history applies to released cables.
public enum SimEditKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Trailing spaces removed or added, or a paragraph re-wrapped: only whitespace differs.
    case whitespace
    /// Some words replaced by `XXXXXXXXXXXX`.
    case reRedaction
    /// One numbered paragraph replaced by different text.
    case textSwap

    public var isWhitespaceOnly: Bool { self == .whitespace }
}
