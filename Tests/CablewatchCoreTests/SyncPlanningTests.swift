import Testing

@testable import CablewatchCore

private func state(
    _ id: String, hash: String = "a", ws: String = "w", listed: String? = "2011-04-28", removed: Bool = false
)
    -> ArchivedCableState
{
    ArchivedCableState(
        referenceId: id, revision: 1, contentSHA256: hash, whitespaceSHA256: ws, listedReleased: listed,
        removed: removed, url: "u")
}

private func hashes(_ content: String, _ ws: String) -> ContentHashes {
    ContentHashes(contentSHA256: content, whitespaceInsensitiveSHA256: ws, rawSHA256: "r")
}

@Test func classificationTellsNewChangedWhitespaceOnlyReaddedAndUnchanged() {
    #expect(CableClassification.classify(hashes("a", "w"), against: nil) == .new)
    #expect(CableClassification.classify(hashes("a", "w"), against: state("X")) == .unchanged)
    #expect(CableClassification.classify(hashes("b", "w"), against: state("X")) == .changed(whitespaceOnly: true))
    #expect(CableClassification.classify(hashes("b", "v"), against: state("X")) == .changed(whitespaceOnly: false))
    #expect(
        CableClassification.classify(hashes("a", "w"), against: state("X", removed: true)) == .readded(changed: false))
    #expect(
        CableClassification.classify(hashes("b", "v"), against: state("X", removed: true)) == .readded(changed: true))
}

@Test func aListingRowCallsForAFetchOnlyWhenUnknownRemovedOrRelisted() {
    let row = ListingRow(
        referenceId: "X", cablePath: "/cable/2006/05/X.html", subject: "S", created: "2006-05-26",
        released: "2011-04-28", classification: "SECRET", origin: "Embassy Seoul")
    #expect(CableClassification.listingCallsForFetch(row, known: nil))
    #expect(!CableClassification.listingCallsForFetch(row, known: state("X")))
    #expect(CableClassification.listingCallsForFetch(row, known: state("X", removed: true)))
    #expect(CableClassification.listingCallsForFetch(row, known: state("X", listed: "2011-04-01")))
}

@Test func walkPlanResumesIncompleteDaysAndRewalksTheNewest() {
    let days = ["2010-11-28", "2010-11-29", "2010-11-30", "2010-12-01"].map(ReleaseDay.init(key:))
    let plan = ListingWalkPlan.days(
        sidebar: days.reversed(), completeDays: ["2010-11-28", "2010-11-30", "2010-12-01"], newest: 1,
        fullEnumeration: false)
    #expect(plan.map(\.key) == ["2010-12-01", "2010-11-29"])
    let full = ListingWalkPlan.days(sidebar: days, completeDays: Set(days.map(\.key)), fullEnumeration: true)
    #expect(full.count == 4)
    #expect(ListingWalkPlan.removals(active: ["A", "B", "C"], listed: ["B"]) == ["A", "C"])
}

@Test func homeCheckStopsOnlyWhenNothingChangedAndNothingIsDue() {
    #expect(
        HomeCheck.decide(
            notModified: true, sameBody: false, lastCycleComplete: true, revalidationDue: false,
            revalidateEveryBuild: false) == .unchanged)
    #expect(
        HomeCheck.decide(
            notModified: true, sameBody: false, lastCycleComplete: true, revalidationDue: true,
            revalidateEveryBuild: false) == .proceed(newBuild: false))
    #expect(
        HomeCheck.decide(
            notModified: false, sameBody: true, lastCycleComplete: true, revalidationDue: false,
            revalidateEveryBuild: false) == .unchanged)
    #expect(
        HomeCheck.decide(
            notModified: false, sameBody: true, lastCycleComplete: true, revalidationDue: false,
            revalidateEveryBuild: true) == .proceed(newBuild: true))
    #expect(
        HomeCheck.decide(
            notModified: false, sameBody: false, lastCycleComplete: false, revalidationDue: false,
            revalidateEveryBuild: false) == .proceed(newBuild: true))
    // Resumed (pages in quarantine, or a crash) on the build already revalidated: walked again, not a new build.
    #expect(
        HomeCheck.decide(
            notModified: false, sameBody: true, lastCycleComplete: false, revalidationDue: false,
            revalidateEveryBuild: true) == .proceed(newBuild: false))
}

@Test func changeSummaryCountsLinesAndRedactions() {
    let old = "a\nb\nc XXXXXXXXXXXX\nd"
    let new = "a\nB\nc XXXXXXXXXXXX\nd XXXXXXXXXXXX XXXXXXXXXXXX"
    let summary = TextChangeSummary.between(old: old, new: new)
    #expect(summary == TextChangeSummary(linesAdded: 2, linesRemoved: 2, redactionsBefore: 1, redactionsAfter: 3))
}

@Test func unifiedDiffShowsOnlyTheChangedLinesWithContext() {
    let old = (1...20).map { "line \($0)" }.joined(separator: "\n")
    let new = old.replacingOccurrences(of: "line 10", with: "line ten")
    let diff = LineDiff.unified(old: old, new: new, oldLabel: "r1", newLabel: "r2", context: 1)
    #expect(diff == "--- r1\n+++ r2\n@@ -9,3 +9,3 @@\n line 9\n-line 10\n+line ten\n line 11\n")
    #expect(LineDiff.unified(old: old, new: old, oldLabel: "a", newLabel: "b").isEmpty)
}

@Test func eventChainHashesCoverThePreviousHashAndTheLine() {
    let line = EventEnvelope(seq: 1, id: "evt_1", type: "t", timestamp: "x", source: "s", dataJSON: "{}").json
    #expect(line == "{\"data\":{},\"id\":\"evt_1\",\"seq\":1,\"source\":\"s\",\"timestamp\":\"x\",\"type\":\"t\"}")
    let first = EventChain.hash(previous: EventChain.genesis, eventJSON: line)
    #expect(first.count == 64)
    #expect(EventChain.hash(previous: first, eventJSON: line) != first)
    #expect(CanonicalJSON.quote("a\"b\\c\n\u{1}") == "\"a\\\"b\\\\c\\n\\u0001\"")
}

@Test func removalsNeedListingsThatAgreeWithTheCounter() {
    let counter = ReleaseCounter(released: 1_000, total: 2_000)
    #expect(ListingWalkPlan.removalsAreCorroborated(listed: 1_000, counter: counter))
    #expect(ListingWalkPlan.removalsAreCorroborated(listed: 900, counter: counter))
    #expect(!ListingWalkPlan.removalsAreCorroborated(listed: 899, counter: counter))
    #expect(!ListingWalkPlan.removalsAreCorroborated(listed: 0, counter: counter))
}
