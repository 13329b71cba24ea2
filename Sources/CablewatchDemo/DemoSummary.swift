/// What a finished demo left behind, for the closing lines: where everything is and how far it got.
public struct DemoSummary: Sendable {
    public var setup: DemoSetup
    /// The build the simulated source ended at.
    public var build: Int
    /// The source's final counter.
    public var sourceReleased: Int
    public var sourceTotal: Int
    /// Cables in the archive (not removed), revisions, removed cables, committed events.
    public var archivedCables: Int
    public var revisions: Int
    public var removed: Int
    public var events: Int64
    public var polls: Int
    public var alertsVerified: Int
    public var alertsRejected: Int
}
