import Testing

@testable import CablegateSim

@Test func counterGoesDownExactlyOnce() {
    for seed: UInt64 in [1, 2, 3] {
        let schedule = ReleaseSchedule(cableCount: 300, builds: 12, seed: seed)
        let counts = schedule.releasedCounts
        let drops = (1..<counts.count).filter { counts[$0] < counts[$0 - 1] }
        #expect(drops.count == 1)
        #expect(drops.first == schedule.counterDropBuild)
        #expect(counts[0] > 0 && counts[0] < 20)
    }
}

@Test func everyChangeKindOccursInATwelveBuildSchedule() {
    let schedule = ReleaseSchedule(cableCount: 300, builds: 12, seed: 1)
    let changes = schedule.changes
    let kinds = Set(changes.flatMap { $0.changed.map(\.kind) })
    #expect(kinds == Set(SimEditKind.allCases))
    #expect(changes.contains { !$0.removed.isEmpty })
    #expect(changes.contains { !$0.reAdded.isEmpty })
    #expect(changes.flatMap(\.changed).contains { $0.movedToNewDay })
    #expect(changes.flatMap(\.changed).contains { !$0.movedToNewDay })
    #expect(changes[0].changed.isEmpty && changes[1].changed.isEmpty)
}

@Test func snapshotsMatchTheChangeLists() {
    let schedule = ReleaseSchedule(cableCount: 300, builds: 12, seed: 4)
    var everRemoved: Set<Int> = []
    for build in 0..<12 {
        let snapshot = schedule.snapshot(atBuild: build)
        #expect(snapshot.releasedCount == schedule.releasedCounts[build])
        let changes = schedule.changes[build]
        for index in changes.reAdded { #expect(everRemoved.contains(index)) }
        for index in changes.added + changes.reAdded {
            #expect(snapshot.isReleased(index))
            #expect(snapshot.releasedBuild(of: index) == build)
        }
        for index in changes.removed { #expect(snapshot.status(of: index) == .removed) }
        everRemoved.formUnion(changes.removed)
    }
    let final = schedule.snapshot(atBuild: 11)
    #expect((0..<300).allSatisfy { final.status(of: $0) != .unreleased })
}

@Test func whitespaceEditsOnlyChangeWhitespace() {
    let site = SimSite(configuration: SimSiteConfiguration(cables: 300, seed: 1, builds: 12))
    var checked = 0
    for changes in site.schedule.changes {
        for change in changes.changed {
            let before = site.schedule.snapshot(atBuild: changes.build - 1).editCount(of: change.index)
            let old = site.cable(at: change.index, revision: before)
            let new = site.cable(at: change.index, revision: before + 1)
            #expect(old.contentSHA256 != new.contentSHA256)
            if change.whitespaceOnly {
                #expect(old.whitespaceInsensitiveSHA256 == new.whitespaceInsensitiveSHA256)
            } else {
                #expect(old.whitespaceInsensitiveSHA256 != new.whitespaceInsensitiveSHA256)
            }
            #expect(!new.body.hasSuffix("\n"))
            checked += 1
        }
    }
    #expect(checked >= 30)
}

@Test func reRedactionsReplaceWordsWithTwelveXs() {
    let site = SimSite(configuration: SimSiteConfiguration(cables: 300, seed: 2, builds: 12))
    let redactions = site.schedule.changes.flatMap { changes in
        changes.changed.filter { $0.kind == .reRedaction }.map { (changes.build, $0.index) }
    }
    #expect(!redactions.isEmpty)
    for (build, index) in redactions {
        let before = site.schedule.snapshot(atBuild: build - 1).editCount(of: index)
        let count = { (text: String) in text.components(separatedBy: "XXXXXXXXXXXX").count }
        #expect(
            count(site.cable(at: index, revision: before + 1).body)
                > count(site.cable(at: index, revision: before).body))
    }
}

@Test func releaseDaysFollowTheFirstRelease() {
    let schedule = ReleaseSchedule(cableCount: 10, builds: 20, seed: 1)
    #expect(schedule.releaseDay(ofBuild: 0).dayString == "2010-11-28")
    #expect(schedule.releaseDay(ofBuild: 4).dayString == "2010-12-02")
    #expect(
        schedule.releasedCounts.last == 10 - schedule.changes.flatMap(\.removed).count
            + schedule.changes.flatMap(\.reAdded).count)
}
