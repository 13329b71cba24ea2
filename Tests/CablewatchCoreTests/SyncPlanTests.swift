import Foundation
import Testing

@testable import CablewatchCore

// The pure plans of a poll cycle (CablewatchCore Sync/): what each step writes and which events follow.

private func cable(_ id: String = "06SEOUL1", content: String = "c1", whitespace: String = "w1", body: String = "A\nB")
    -> CablePage
{
    CablePage(
        referenceId: id, created: "2006-05-26 08:00", released: "2011-04-28 00:00", classification: "SECRET",
        origin: "Embassy Seoul", headline: "SUBJECT", articles: [], header: "HEADER", body: body,
        isPartialExtract: false, fields: CableTextFields(tags: ["PREL"]),
        hashes: ContentHashes(contentSHA256: content, whitespaceInsensitiveSHA256: whitespace, rawSHA256: "r"))
}

private func archived(_ id: String = "06SEOUL1", revision: Int = 2, content: String = "c1", removed: Bool = false)
    -> ArchivedCableState
{
    ArchivedCableState(
        referenceId: id, revision: revision, contentSHA256: content, whitespaceSHA256: "w1",
        listedReleased: "2011-04-28", removed: removed, url: "u")
}

private func plan(_ page: CablePage, known: ArchivedCableState?, previousText: String? = nil, announceAdded: Bool)
    -> FetchedCablePlan
{
    FetchedCablePlan.plan(
        page, url: "http://s/cable.html", listedReleased: "2011-04-28", known: known, previousText: previousText,
        announceAdded: announceAdded)
}

private let now = Date(timeIntervalSince1970: 1_700_000_000)

@Test func aNewCableIsInsertedAndAnnouncedOnlyWhenPerCableEventsAreOn() {
    let page = cable()
    let announced = plan(page, known: nil, announceAdded: true)
    #expect(announced.write.kind == .insert)
    #expect(!announced.write.readded)
    #expect(announced.joinsArchive)
    #expect(
        announced.event
            == PendingEvent(.cableAdded, CableAddedData(cable: page, url: "http://s/cable.html", readded: false)))
    let quiet = plan(page, known: nil, announceAdded: false)
    #expect(quiet.write == announced.write)
    #expect(quiet.event == nil)
    #expect(quiet.joinsArchive)
}

@Test func aReaddedCableIsAlwaysAnnouncedAndGetsARevisionOnlyWhenChanged() {
    let same = plan(cable(), known: archived(removed: true), announceAdded: false)
    #expect(same.write.kind == .touch)
    #expect(same.write.readded)
    #expect(same.joinsArchive)
    #expect(same.event?.type == .cableAdded)
    let changed = plan(cable(content: "c2"), known: archived(removed: true), announceAdded: false)
    #expect(changed.write.kind == .newRevision(number: 3))
    #expect(changed.write.readded)
    #expect(changed.event?.type == .cableAdded)
}

@Test func aChangedCableGetsTheNextRevisionAndASummaryAgainstThePreviousText() {
    let page = cable(content: "c2", body: "A\nB\nC")
    #expect(FetchedCablePlan.needsPreviousText(page, known: archived()))
    let changed = plan(page, known: archived(), previousText: "HEADER\n\nA\nB", announceAdded: true)
    #expect(changed.write.kind == .newRevision(number: 3))
    #expect(!changed.joinsArchive)
    let expected = CableChangedData(
        referenceId: "06SEOUL1", revision: 3, previousSHA256: "c1", contentSHA256: "c2", whitespaceOnly: true,
        summary: TextChangeSummary.between(old: "HEADER\n\nA\nB", new: "HEADER\n\nA\nB\nC"), origin: "Embassy Seoul",
        classification: "SECRET", tags: ["PREL"], url: "http://s/cable.html")
    #expect(changed.event == PendingEvent(.cableChanged, expected))
    #expect(expected.summary.linesAdded == 1)
}

@Test func anUnchangedCableIsTouchedSilentlyAndNeedsNoPreviousText() {
    let page = cable()
    #expect(!FetchedCablePlan.needsPreviousText(page, known: archived()))
    #expect(!FetchedCablePlan.needsPreviousText(page, known: nil))
    let unchanged = plan(page, known: archived(), announceAdded: true)
    #expect(unchanged.write.kind == .touch)
    #expect(unchanged.event == nil)
    #expect(!unchanged.joinsArchive)
}

@Test func aCounterIsRecordedOnlyWhenItChangedAndAnAnomalyOnlyWhenItWentDown() {
    let counter = ReleaseCounter(released: 10, total: 100)
    let same = CycleBookkeeping.counterObserved(counter, previous: counter)
    #expect(same.counter == nil)
    #expect(same.events.isEmpty)
    #expect(same.syncState == [SyncStateKey.cycleComplete: "0"])
    let first = CycleBookkeeping.counterObserved(counter, previous: nil)
    #expect(first.counter == counter)
    #expect(first.events.isEmpty)
    let up = CycleBookkeeping.counterObserved(counter, previous: ReleaseCounter(released: 8, total: 100))
    #expect(up.events.map(\.type) == [.releaseProgress])
    let down = CycleBookkeeping.counterObserved(counter, previous: ReleaseCounter(released: 12, total: 100))
    #expect(down.events.map(\.type) == [.releaseProgress, .sourceAnomaly])
    #expect(down.events.last?.dataJSON.contains("counterDecreased") == true)
}

@Test func aFinishedCycleIsCompleteOnlyWithoutQuarantineAndEmitsTheBaselineOnce() {
    let home = FetchCacheEntry(url: "http://s/", etag: "e", lastModified: nil, bodySHA256: "h")
    let baseline = SyncBaselineData(cables: 5, released: 5, total: 9)
    let first = CycleBookkeeping.finished(
        homeCache: home, countAgrees: true, baseline: baseline, pagesInQuarantine: false)
    #expect(first.events == [PendingEvent(.syncBaseline, baseline)])
    #expect(first.fetchCache == [home])
    #expect(
        first.syncState == [
            SyncStateKey.baselineDone: "1", SyncStateKey.cycleComplete: "1", SourceProblems.countAboveListingsKey: "",
            SourceProblems.unrecognisedMarkupKey: "",
        ])
    let partial = CycleBookkeeping.finished(homeCache: home, countAgrees: false, baseline: nil, pagesInQuarantine: true)
    #expect(partial.events.isEmpty)
    #expect(
        partial.syncState == [SyncStateKey.cycleComplete: "0", SourceProblems.unrecognisedMarkupKey: ""])
    #expect(CycleBookkeeping.unchanged(homeCache: nil).isEmpty)
    #expect(CycleBookkeeping.unchanged(homeCache: home).fetchCache == [home])
}

@Test func unrecognisedMarkupIsAnnouncedOnceAndKeepsWhenItWasFirstSeen() {
    let first = CycleBookkeeping.unrecognisedMarkup("no table", url: "http://s/x", known: SourceProblems(), now: now)
    #expect(first.events.map(\.type) == [.sourceAnomaly])
    #expect(first.syncState[SyncStateKey.cycleComplete] == "0")
    let recorded = SourceProblems(syncState: first.syncState)
    #expect(
        recorded.unrecognisedMarkup
            == SourceProblems.UnrecognisedMarkup(url: "http://s/x", detail: "no table", since: now))
    let again = CycleBookkeeping.unrecognisedMarkup(
        "still no table", url: "http://s/y", known: recorded, now: now.addingTimeInterval(600))
    #expect(again.events.isEmpty)
    #expect(SourceProblems(syncState: again.syncState).unrecognisedMarkup?.since == now)
}

@Test func removalsAreAppliedWhenFewHeldOnceWhenManyAndConfirmedLater() {
    let policy = MassRemovalGuard(minimum: 2, fraction: 0, confirmAfter: .seconds(60))
    let counter = ReleaseCounter(released: 10, total: 10)
    let listed = Set((0..<10).map { "L\($0)" })
    let few = RemovalPlan.plan(
        active: listed.union(["A", "B"]), listed: listed, counter: counter, policy: policy, held: nil, now: now)
    #expect(few.removed == ["A", "B"])
    #expect(few.held == nil)
    #expect(few.changes.syncState == [MassRemovalGuard.Held.syncStateKey: ""])
    let removal = few.removalChanges(lastSHA256: ["A": "ha"])
    #expect(removal.removals == ["A", "B"])
    #expect(
        removal.events == [
            PendingEvent(.cableRemoved, CableRemovedData(referenceId: "A", lastSHA256: "ha")),
            PendingEvent(.cableRemoved, CableRemovedData(referenceId: "B", lastSHA256: "")),
        ])

    let active = listed.union(["A", "B", "C"])
    let held = RemovalPlan.plan(active: active, listed: listed, counter: counter, policy: policy, held: nil, now: now)
    #expect(held.removed.isEmpty)
    #expect(held.held?.count == 3)
    #expect(held.changes.events.map(\.type) == [.sourceAnomaly])
    #expect(held.removalChanges(lastSHA256: [:]).isEmpty)
    let stillHeld = RemovalPlan.plan(
        active: active, listed: listed, counter: counter, policy: policy, held: held.held,
        now: now.addingTimeInterval(30))
    #expect(stillHeld.removed.isEmpty)
    #expect(stillHeld.changes.events.isEmpty)
    let confirmed = RemovalPlan.plan(
        active: active, listed: listed, counter: counter, policy: policy, held: held.held,
        now: now.addingTimeInterval(60))
    #expect(confirmed.removed == ["A", "B", "C"])
    #expect(confirmed.changes.syncState == [MassRemovalGuard.Held.syncStateKey: ""])
}

@Test func thinListingsOrAZeroCounterRemoveNothing() {
    let policy = MassRemovalGuard()
    let thin = RemovalPlan.plan(
        active: ["A", "B"], listed: ["B"], counter: ReleaseCounter(released: 10, total: 10), policy: policy,
        held: nil, now: now)
    #expect(!thin.corroborated)
    #expect(thin.removed.isEmpty)
    let zero = RemovalPlan.plan(
        active: ["A"], listed: [], counter: ReleaseCounter(released: 0, total: 10), policy: policy, held: nil,
        now: now)
    #expect(zero.corroborated)
    #expect(zero.removed.isEmpty)
}

@Test func aCountMismatchIsReportedOncePerDistinctMismatch() {
    let counter = ReleaseCounter(released: 10, total: 20)
    let first = ListingCountCheck.changes(
        listed: 9, counter: counter, corroborated: true, problems: SourceProblems(), lastAnomaly: nil, now: now)
    #expect(first.events.map(\.type) == [.sourceAnomaly])
    #expect(first.syncState[SyncStateKey.lastAnomaly] == "countMismatch:10/9")
    #expect(
        SourceProblems(syncState: first.syncState).countAboveListings
            == SourceProblems.CountAboveListings(counter: 10, listed: 9, since: now))
    let repeated = ListingCountCheck.changes(
        listed: 9, counter: counter, corroborated: true, problems: SourceProblems(syncState: first.syncState),
        lastAnomaly: "countMismatch:10/9", now: now.addingTimeInterval(60))
    #expect(repeated.events.isEmpty)
    #expect(repeated.syncState[SyncStateKey.lastAnomaly] == nil)
    #expect(SourceProblems(syncState: repeated.syncState).countAboveListings?.since == now)
    let thin = ListingCountCheck.changes(
        listed: 1, counter: counter, corroborated: false, problems: SourceProblems(), lastAnomaly: nil, now: now)
    #expect(thin.events.first?.dataJSON.contains("no cable was marked removed") == true)
    let above = ListingCountCheck.changes(
        listed: 11, counter: counter, corroborated: true, problems: SourceProblems(), lastAnomaly: nil, now: now)
    #expect(above.syncState[SourceProblems.countAboveListingsKey] == "")
    #expect(above.events.count == 1)
    let agrees = ListingCountCheck.changes(
        listed: 10, counter: counter, corroborated: true, problems: SourceProblems(), lastAnomaly: "x", now: now)
    #expect(agrees.events.isEmpty)
    #expect(agrees.syncState == [SourceProblems.countAboveListingsKey: ""])
}

@Test func aDayIsWalkedPageZeroAloneThenInBatchesAndCheckpointedCompleteAtItsEnd() {
    #expect(ListingWalkPlan.batch(from: 0, lastPage: 0) == 0...0)
    #expect(ListingWalkPlan.batch(from: 1, lastPage: 40) == 1...ListingWalkPlan.pagesPerBatch)
    #expect(ListingWalkPlan.batch(from: 33, lastPage: 40) == 33...40)
    #expect(ListingWalkPlan.batch(from: 5, lastPage: 3) == 5...5)
    #expect(
        ListingWalkPlan.checkpoint(day: "d", walked: 3, lastPage: 3, rows: 7, pagesMissing: false, batchWrites: false)
            == ReleaseDayState(key: "d", lastPage: 3, rows: 7, complete: true))
    #expect(
        ListingWalkPlan.checkpoint(day: "d", walked: 3, lastPage: 3, rows: 7, pagesMissing: true, batchWrites: true)
            == ReleaseDayState(key: "d", lastPage: 3, rows: 7, complete: false))
    #expect(
        ListingWalkPlan.checkpoint(day: "d", walked: 1, lastPage: 3, rows: 2, pagesMissing: false, batchWrites: true)
            == ReleaseDayState(key: "d", lastPage: 3, rows: 2, complete: false))
    #expect(
        ListingWalkPlan.checkpoint(day: "d", walked: 1, lastPage: 3, rows: 2, pagesMissing: false, batchWrites: false)
            == nil)
}

@Test func mergedChangesKeepTheOrderOfEventsAndTheLaterSyncState() {
    var first = ArchiveChanges()
    first.events = [PendingEvent(.syncBaseline, SyncBaselineData(cables: 1, released: 1, total: 1))]
    first.syncState = ["k": "1", "a": "x"]
    var second = ArchiveChanges()
    second.events = [PendingEvent(.cableRemoved, CableRemovedData(referenceId: "A", lastSHA256: ""))]
    second.syncState = ["k": "2"]
    second.healed = ["u"]
    first.merge(second)
    #expect(first.events.map(\.type) == [.syncBaseline, .cableRemoved])
    #expect(first.syncState == ["k": "2", "a": "x"])
    #expect(first.healed == ["u"])
    #expect(!first.isEmpty)
    #expect(ArchiveChanges().isEmpty)
}
