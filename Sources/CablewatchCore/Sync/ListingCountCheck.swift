import Foundation

/// What a complete enumeration says about the counter: a counter above the listings keeps `status` degraded until
/// they agree, and a disagreement is reported as `source.anomaly countMismatch` once per distinct mismatch.
public enum ListingCountCheck {
    /// The sync state and event for `listed` cables in the listings against `counter`. `problems` and `lastAnomaly`
    /// are what the archive holds; `corroborated` is whether the listings were trusted to remove cables.
    public static func changes(
        listed: Int, counter: ReleaseCounter, corroborated: Bool, problems: SourceProblems, lastAnomaly: String?,
        now: Date
    ) -> ArchiveChanges {
        var changes = ArchiveChanges()
        if listed < counter.released {
            let since = problems.countAboveListings?.since ?? now
            changes.syncState[SourceProblems.countAboveListingsKey] = StateJSON.encode(
                SourceProblems.CountAboveListings(counter: counter.released, listed: listed, since: since))
        } else {
            changes.syncState[SourceProblems.countAboveListingsKey] = ""
        }
        let key = "countMismatch:\(counter.released)/\(listed)"
        guard listed != counter.released, key != lastAnomaly else { return changes }
        let refused = corroborated ? "" : "; no cable was marked removed on such thin evidence"
        changes.events.append(
            PendingEvent(
                .sourceAnomaly,
                SourceAnomalyData(
                    kind: .countMismatch,
                    details: "the counter says \(counter.released) released but the listings hold \(listed)" + refused
                )))
        changes.syncState[SyncStateKey.lastAnomaly] = key
        return changes
    }
}
