/// What one build changed relative to the previous one, by cable index.
public struct SimBuildChanges: Sendable, Hashable {
    public let build: Int
    /// Cables listed for the first time in this build.
    public let added: [Int]
    /// Previously removed cables listed again in this build.
    public let reAdded: [Int]
    public let changed: [SimCableChange]
    public let removed: [Int]
}

/// One edit to a released cable in a build.
public struct SimCableChange: Sendable, Hashable {
    public let index: Int
    public let kind: SimEditKind
    /// True when the edit moved the cable's listing row to this build's release day.
    public let movedToNewDay: Bool
    public var whitespaceOnly: Bool { kind.isWhitespaceOnly }
}
