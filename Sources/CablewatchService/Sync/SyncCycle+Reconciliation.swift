import CablewatchCore
import CablewatchStore

/// Reconciliation (DESIGN.md §3.1, step 4): when the archive disagrees with the counter, a full enumeration of the
/// listings settles it, removing what they no longer hold (under the mass-removal guard) and reporting a counter
/// they still disagree with.
extension SyncCycle {
    /// Enumerates every listing when the archive (with the cables set aside in quarantine) disagrees with the
    /// counter. Returns whether it agreed without one.
    mutating func reconcile(sidebar: [ReleaseDay], home: HomeVisit) async throws(SyncError) -> Bool {
        archived = try await storeCall(await store.activeCableCount())
        let setAside = try await quarantinedCablesNotArchived()
        guard ListingWalkPlan.needsReconciliation(counter: counter, activeCables: archived + setAside) else {
            return true
        }
        try await enumerateEverything(
            sidebar: sidebar,
            home: FetchRequest(url: home.url, etag: home.response.etag, lastModified: home.response.lastModified),
            homeHash: home.bodySHA256)
        return false
    }

    /// Walks every release day completely; then marks cables missing from the listings as removed, and reports a
    /// counter that still disagrees with the listings — unless the home page changed meanwhile.
    ///
    /// A release that lands after this cycle read the home page (during this walk or the one before it) moves its
    /// changed cables to a day missing from the sidebar walked, so they look removed: the home page is asked for
    /// again after the walk (`home`, conditional on the validators this cycle read it with), and if it is no longer
    /// the page that hashed to `homeHash`, nothing is concluded from this enumeration; the next cycle, which starts
    /// from the new home page, settles it.
    mutating func enumerateEverything(sidebar: [ReleaseDay], home: FetchRequest, homeHash: String?)
        async throws(SyncError)
    {
        report(phase: "enumerating")
        var listed: Set<String> = []
        listingPagesMissing = false
        try await walk(ListingWalkPlan.days(sidebar: sidebar, completeDays: [], fullEnumeration: true), listed: &listed)
        guard !listingPagesMissing else {
            // Rows on a quarantined listing page are unknown: nothing may be concluded from what the others hold.
            engine.logger.notice(
                "listing pages are in quarantine: removals and the count check wait for a complete enumeration")
            archived = try await storeCall(await store.activeCableCount())
            return
        }
        let recheck = try await fetch(home)
        guard recheck.notModified || ContentHasher.sha256Hex(recheck.body) == homeHash else {
            engine.logger.notice(
                "the source released during this cycle: removals and the count check wait for the next cycle")
            archived = try await storeCall(await store.activeCableCount())
            return
        }
        // Every listing page of every day fetched and parsed (any failure threw above), and the source did not move
        // meanwhile: removals are safe to act on.
        let active = try await storeCall(await store.activeReferenceIds())
        let removal = RemovalPlan.plan(
            active: active, listed: listed, counter: counter, policy: options.massRemoval, held: heldRemovals,
            now: engine.now())
        if let held = removal.held {
            engine.logger.warning(
                "removals held back by the mass-removal guard",
                metadata: ["missing": "\(held.count)", "active": "\(active.count)", "since": "\(held.since)"])
        }
        var changes = removal.changes
        forgetUnlisted(listed, into: &changes)
        if !removal.removed.isEmpty {
            let states = try await storeCall(await store.cableStates(removal.removed))
            changes.merge(removal.removalChanges(lastSHA256: states.mapValues(\.contentSHA256)))
        }
        let countCheck = ListingCountCheck.changes(
            listed: listed.count, counter: counter, corroborated: removal.corroborated, problems: problems,
            lastAnomaly: lastAnomaly, now: engine.now())
        changes.merge(countCheck)
        try await commit(changes)
        lastAnomaly = countCheck.syncState[SyncStateKey.lastAnomaly] ?? lastAnomaly
        archived = active.count - removal.removed.count
    }
}
