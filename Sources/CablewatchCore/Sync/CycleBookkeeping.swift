import Foundation

/// The changes a cycle commits about itself rather than about cables: the counter it observed, how it ended, and
/// markup it could not read (DESIGN.md §3.1).
public enum CycleBookkeeping {
    /// A cycle that stops at the home page: only a re-served home page's validators (`homeCache`) are kept.
    public static func unchanged(homeCache: FetchCacheEntry?) -> ArchiveChanges {
        var changes = ArchiveChanges()
        if let homeCache { changes.fetchCache = [homeCache] }
        return changes
    }

    /// Marks the cycle in progress; a counter other than the last one observed is recorded with `release.progress`,
    /// and with `source.anomaly counterDecreased` when fewer cables are released than before.
    public static func counterObserved(_ counter: ReleaseCounter, previous: ReleaseCounter?) -> ArchiveChanges {
        var changes = ArchiveChanges()
        changes.syncState[SyncStateKey.cycleComplete] = "0"
        guard previous != counter else { return changes }
        changes.counter = counter
        guard let previous else { return changes }
        changes.events.append(
            PendingEvent(
                .releaseProgress,
                ReleaseProgressData(
                    released: counter.released, total: counter.total, previousReleased: previous.released,
                    previousTotal: previous.total)))
        if counter.released < previous.released {
            changes.events.append(
                PendingEvent(
                    .sourceAnomaly,
                    SourceAnomalyData(
                        kind: .counterDecreased,
                        details: "released count went down from \(previous.released) to \(counter.released)")))
        }
        return changes
    }

    /// A cycle that only revalidated (the home page answered 304): complete, and its markup was read.
    public static func revalidated() -> ArchiveChanges {
        var changes = ArchiveChanges()
        changes.syncState[SyncStateKey.cycleComplete] = "1"
        changes.syncState[SourceProblems.unrecognisedMarkupKey] = ""
        return changes
    }

    /// A cycle that walked the source to the end. `countAgrees` clears a counter-above-listings record (the archive
    /// matched the counter without an enumeration); `baseline` is the first complete sync's `sync.baseline`. The
    /// home page's validators are kept either way, but a cycle with pages in quarantine is not complete, so the
    /// next one reads the home page in full and walks again.
    public static func finished(
        homeCache: FetchCacheEntry, countAgrees: Bool, baseline: SyncBaselineData?, pagesInQuarantine: Bool
    ) -> ArchiveChanges {
        var changes = ArchiveChanges()
        if countAgrees { changes.syncState[SourceProblems.countAboveListingsKey] = "" }
        changes.syncState[SourceProblems.unrecognisedMarkupKey] = ""
        if let baseline {
            changes.events.append(PendingEvent(.syncBaseline, baseline))
            changes.syncState[SyncStateKey.baselineDone] = "1"
        }
        changes.fetchCache = [homeCache]
        changes.syncState[SyncStateKey.cycleComplete] = pagesInQuarantine ? "0" : "1"
        return changes
    }

    /// A page of markup this version does not know: recorded for `status` (since when it was first seen), one
    /// `source.anomaly unrecognisedMarkup` only when it was not known already, and an incomplete cycle.
    public static func unrecognisedMarkup(_ detail: String, url: String, known: SourceProblems, now: Date)
        -> ArchiveChanges
    {
        var changes = ArchiveChanges()
        changes.syncState[SyncStateKey.cycleComplete] = "0"
        if known.unrecognisedMarkup == nil {
            changes.events.append(
                PendingEvent(.sourceAnomaly, SourceAnomalyData(kind: .unrecognisedMarkup, details: detail, url: url)))
        }
        let since = known.unrecognisedMarkup?.since ?? now
        changes.syncState[SourceProblems.unrecognisedMarkupKey] = StateJSON.encode(
            SourceProblems.UnrecognisedMarkup(url: url, detail: detail, since: since))
        return changes
    }
}
