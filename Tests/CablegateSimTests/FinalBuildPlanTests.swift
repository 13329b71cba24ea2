import Testing

@testable import CablegateSim

@Test func plannedFinalBuildAddsAndChangesExactlyTheRequestedCables() {
    let plan = SimFinalBuildPlan(added: 100, changed: 7)
    let schedule = ReleaseSchedule(cableCount: 3000, builds: 8, seed: 3, finalBuild: plan)
    let last = schedule.changes[7]
    #expect(last.added.count == 100)
    #expect(last.changed.count == 7)
    #expect(last.changed.allSatisfy { $0.movedToNewDay })
    #expect(last.removed.isEmpty && last.reAdded.isEmpty)
    #expect(schedule.releasedCounts[7] - schedule.releasedCounts[6] == 100)
    #expect(Set(last.changed.map { $0.index }).isDisjoint(with: last.added))
    #expect(schedule.counterDropBuild != 7)
    let before = schedule.snapshot(atBuild: 6)
    #expect(last.changed.allSatisfy { before.isReleased($0.index) })
    let after = schedule.snapshot(atBuild: 7)
    #expect(last.changed.allSatisfy { after.releasedBuild(of: $0.index) == 7 })
    #expect((0..<3000).allSatisfy { after.status(of: $0) != .unreleased })
}

@Test func plannedFinalBuildLeavesTheEarlierHistoryRandomButComplete() {
    let plan = SimFinalBuildPlan(added: 1000, changed: 50)
    let schedule = ReleaseSchedule(cableCount: 5000, builds: 20, seed: 1, finalBuild: plan)
    #expect(schedule.changes[19].added.count == 1000)
    #expect(schedule.changes[19].changed.count == 50)
    let counts = schedule.releasedCounts
    #expect((1..<counts.count).filter { counts[$0] < counts[$0 - 1] }.count == 1)
    #expect(schedule.changes.prefix(19).contains { !$0.removed.isEmpty })
}

@Test func schedulesWithoutAPlanAreUnchangedByTheOption() {
    let plain = ReleaseSchedule(cableCount: 2000, builds: 20, seed: 1)
    let explicitNil = ReleaseSchedule(cableCount: 2000, builds: 20, seed: 1, finalBuild: nil)
    #expect(plain.changes == explicitNil.changes)
    #expect(plain.releasedCounts == explicitNil.releasedCounts)
    let planned = ReleaseSchedule(
        cableCount: 2000, builds: 20, seed: 1, finalBuild: SimFinalBuildPlan(added: 10, changed: 5))
    #expect(planned.changes[19] != plain.changes[19])
}
