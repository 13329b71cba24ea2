/// Simulates the release history once, build by build, to produce a `ReleaseSchedule`'s changes.
struct SchedulePlanner {
    let cableCount: Int
    let builds: Int
    /// When set (and there are at least three builds), the last build follows this plan exactly.
    let finalBuild: SimFinalBuildPlan?
    var random: SimRandom
    private(set) var changes: [SimBuildChanges] = []
    private(set) var releasedCounts: [Int] = []
    private(set) var edits: [Int: [CableEdit]] = [:]
    private(set) var dropBuild: Int?
    private var released: [Int] = []
    private var positions: [Int]
    private var removedPool: [(index: Int, build: Int)] = []
    private var nextNew = 0

    init(cableCount: Int, builds: Int, seed: UInt64, finalBuild: SimFinalBuildPlan? = nil) {
        self.cableCount = cableCount
        self.builds = builds
        self.finalBuild = builds >= 3 ? finalBuild : nil
        random = SimRandom(seed: seed, .schedule, 0)
        positions = Array(repeating: -1, count: cableCount)
        if builds >= 5 {
            dropBuild = random.int(in: max(2, builds / 3)...(builds - 3))
        } else if builds >= 3 {
            dropBuild = 2
        }
        if self.finalBuild != nil && dropBuild == builds - 1 { dropBuild = nil }
    }

    mutating func run() {
        let additions = additionPlan()
        for build in 0..<builds {
            planBuild(build, newCount: additions[build])
        }
    }

    private mutating func additionPlan() -> [Int] {
        var plan = Array(repeating: 0, count: builds)
        let first = builds == 1 ? cableCount : min(cableCount, min(220, max(1, cableCount / 50)))
        plan[0] = first
        let finalAdds = min(finalBuild?.added ?? 0, cableCount - first)
        let remaining = cableCount - first - finalAdds
        plan[builds - 1] = finalAdds
        let weights = (0..<builds).map { build -> Double in
            let planned = build == builds - 1 && finalBuild != nil
            return build == 0 || build == dropBuild || planned
                ? 0 : (0.5 + random.unit()) * (1 + Double(build) / Double(builds))
        }
        let total = weights.reduce(0, +)
        guard remaining > 0, total > 0 else { return plan }
        var cumulative = 0.0
        var assigned = 0
        for build in 1..<builds {
            cumulative += weights[build]
            let target = Int((Double(remaining) * cumulative / total).rounded())
            plan[build] += target - assigned
            assigned = target
        }
        plan[builds - 1] += remaining - assigned
        return plan
    }

    private mutating func planBuild(_ build: Int, newCount: Int) {
        var touched: Set<Int> = []
        var added: [Int] = []
        var reAdded: [Int] = []
        var removed: [Int] = []
        var changed: [SimCableChange] = []
        let isDrop = build == dropBuild
        let plan = build == builds - 1 ? finalBuild : nil

        if build >= 2 && !isDrop && plan == nil {
            var keep: [(index: Int, build: Int)] = []
            for entry in removedPool {
                let eligible = entry.build <= build - 2
                if eligible && (random.chance(0.4) || reAdded.isEmpty) {
                    reAdded.append(entry.index)
                } else {
                    keep.append(entry)
                }
            }
            removedPool = keep
            for index in reAdded { list(index, &touched) }
        }
        if !isDrop {
            for _ in 0..<newCount where nextNew < cableCount {
                added.append(nextNew)
                list(nextNew, &touched)
                nextNew += 1
            }
        }
        if build >= 2 {
            let listedThisBuild = added.count + reAdded.count
            let wanted: Int
            if plan != nil {
                wanted = 0
            } else if isDrop {
                wanted = max(2, released.count / 40)
            } else {
                wanted = min(listedThisBuild, Int(Double(released.count) * 0.004 + random.unit()))
            }
            for index in pickUntouched(wanted, touched) {
                touched.insert(index)
                unlist(index)
                removed.append(index)
                removedPool.append((index, build))
            }
            let editCount = plan?.changed ?? max(3, released.count / 100)
            for (position, index) in pickUntouched(editCount, touched).enumerated() {
                touched.insert(index)
                let kind: SimEditKind
                if position < 3 {
                    kind = SimEditKind.allCases[position]
                } else {
                    let roll = random.unit()
                    kind = roll < 0.45 ? .whitespace : (roll < 0.8 ? .reRedaction : .textSwap)
                }
                let ordinal = edits[index, default: []].count
                edits[index, default: []].append(CableEdit(kind: kind, ordinal: ordinal, build: build))
                let moved = plan != nil || random.chance(0.25)
                changed.append(SimCableChange(index: index, kind: kind, movedToNewDay: moved))
            }
        }
        changes.append(
            SimBuildChanges(build: build, added: added, reAdded: reAdded, changed: changed, removed: removed))
        releasedCounts.append(released.count)
    }

    private mutating func list(_ index: Int, _ touched: inout Set<Int>) {
        touched.insert(index)
        positions[index] = released.count
        released.append(index)
    }

    private mutating func unlist(_ index: Int) {
        let position = positions[index]
        guard position >= 0, let last = released.last else { return }
        released[position] = last
        positions[last] = position
        released.removeLast()
        positions[index] = -1
    }

    /// Up to `count` distinct listed cables not yet touched in this build.
    private mutating func pickUntouched(_ count: Int, _ touched: Set<Int>) -> [Int] {
        var picked: [Int] = []
        var seen = touched
        let available = released.count - released.filter { touched.contains($0) }.count
        let goal = min(count, available)
        var attempts = 0
        while picked.count < goal && attempts < goal * 50 + 100 {
            attempts += 1
            let index = released[random.int(below: released.count)]
            if seen.insert(index).inserted { picked.append(index) }
        }
        return picked
    }
}
