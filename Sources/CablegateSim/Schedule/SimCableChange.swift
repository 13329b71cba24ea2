/// One edit to a released cable in a build.
public struct SimCableChange: Sendable, Hashable {
    public let index: Int
    public let kind: SimEditKind
    /// True when the edit moved the cable's listing row to this build's release day.
    public let movedToNewDay: Bool
    public var whitespaceOnly: Bool { kind.isWhitespaceOnly }
}
