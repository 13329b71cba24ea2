/// An exact last build, for benchmarks of one incremental release: it lists `added` new cables and edits `changed`
/// released ones (each edit moves the cable to the new day's listing), and removes and re-adds nothing.
/// Ignored by schedules of fewer than three builds (builds 0 and 1 never edit).
public struct SimFinalBuildPlan: Sendable, Hashable {
    /// New cables listed by the last build (capped by the cables left in the corpus).
    public var added: Int
    /// Released cables edited by the last build, every one moved to its release day.
    public var changed: Int

    public init(added: Int, changed: Int) {
        self.added = max(0, added)
        self.changed = max(0, changed)
    }
}
