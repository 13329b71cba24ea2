/// The deterministic release history: which cables each build adds, edits, removes and re-adds.
///
/// Build `k` is released on 2010-11-28 plus `k` days. From build 2 on, builds edit, remove and re-add cables;
/// exactly one build (when there are at least five) lowers the counter.
public struct ReleaseSchedule: Sendable {
    public static let firstReleaseDay = SimDate(year: 2010, month: 11, day: 28)

    public let cableCount: Int
    public let buildCount: Int
    /// Changes per build, index = build number (build 0 only adds).
    public let changes: [SimBuildChanges]
    /// The build whose counter is lower than the previous one, if any.
    public let counterDropBuild: Int?
    /// Listed cables after each build.
    public let releasedCounts: [Int]
    private let editsByCable: [Int: [CableEdit]]

    /// - Parameter finalBuild: an exact last build (see `SimFinalBuildPlan`); nil for the usual random one.
    public init(cableCount: Int, builds: Int, seed: UInt64, finalBuild: SimFinalBuildPlan? = nil) {
        var planner = SchedulePlanner(
            cableCount: max(0, cableCount), builds: max(1, builds), seed: seed, finalBuild: finalBuild)
        planner.run()
        self.cableCount = max(0, cableCount)
        buildCount = max(1, builds)
        changes = planner.changes
        counterDropBuild = planner.dropBuild
        releasedCounts = planner.releasedCounts
        editsByCable = planner.edits
    }

    public func releaseDay(ofBuild build: Int) -> SimDate {
        SimDate(daysSinceEpoch: Self.firstReleaseDay.daysSinceEpoch + build)
    }

    /// The first `count` edits of a cable (its text after that many edits).
    public func edits(forCable index: Int, count: Int) -> [CableEdit] {
        Array((editsByCable[index] ?? []).prefix(count))
    }

    /// The state of every cable after `build` (clamped to the schedule).
    public func snapshot(atBuild build: Int) -> SimBuildSnapshot {
        var snapshot = SimBuildSnapshot(cableCount: cableCount)
        for changesOfBuild in changes.prefix(max(0, min(build, buildCount - 1)) + 1) {
            snapshot = snapshot.applying(changesOfBuild)
        }
        return snapshot
    }
}
