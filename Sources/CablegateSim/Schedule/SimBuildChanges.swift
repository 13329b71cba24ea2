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
