/// The state of every cable after a given build: listed or not, its listing's release build and its edit count.
public struct SimBuildSnapshot: Sendable {
    /// Listing status of a cable in a snapshot.
    public enum Status: UInt8, Sendable {
        case unreleased = 0
        case released = 1
        case removed = 2
    }

    public let build: Int
    private(set) var statuses: [UInt8]
    /// Build whose release day the cable's listing row shows (for removed cables: the last one it had).
    private(set) var releasedBuilds: [Int32]
    private(set) var editCounts: [UInt16]
    /// Build that removed the cable (meaningful for removed cables only).
    private(set) var removedBuilds: [Int32]
    public private(set) var releasedCount: Int

    init(cableCount: Int) {
        build = -1
        statuses = Array(repeating: 0, count: cableCount)
        releasedBuilds = Array(repeating: -1, count: cableCount)
        editCounts = Array(repeating: 0, count: cableCount)
        removedBuilds = Array(repeating: -1, count: cableCount)
        releasedCount = 0
    }

    private init(copying other: SimBuildSnapshot, build: Int) {
        self.build = build
        statuses = other.statuses
        releasedBuilds = other.releasedBuilds
        editCounts = other.editCounts
        removedBuilds = other.removedBuilds
        releasedCount = other.releasedCount
    }

    public func status(of index: Int) -> Status { Status(rawValue: statuses[index]) ?? .unreleased }
    public func isReleased(_ index: Int) -> Bool { statuses[index] == Status.released.rawValue }
    public func releasedBuild(of index: Int) -> Int { Int(releasedBuilds[index]) }
    public func editCount(of index: Int) -> Int { Int(editCounts[index]) }
    public func removedBuild(of index: Int) -> Int { Int(removedBuilds[index]) }

    /// The snapshot after also applying `changes` (the next build).
    func applying(_ changes: SimBuildChanges) -> SimBuildSnapshot {
        var next = SimBuildSnapshot(copying: self, build: changes.build)
        let build32 = Int32(changes.build)
        for index in changes.added + changes.reAdded {
            next.statuses[index] = Status.released.rawValue
            next.releasedBuilds[index] = build32
            next.releasedCount += 1
        }
        for change in changes.changed {
            next.editCounts[change.index] += 1
            if change.movedToNewDay { next.releasedBuilds[change.index] = build32 }
        }
        for index in changes.removed {
            next.statuses[index] = Status.removed.rawValue
            next.removedBuilds[index] = build32
            next.releasedCount -= 1
        }
        return next
    }
}
