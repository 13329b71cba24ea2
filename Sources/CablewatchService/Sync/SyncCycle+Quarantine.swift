import CablewatchCore
import CablewatchStore

/// How a cycle sets pages aside and takes them back (DESIGN.md §3.1): a page that fails on its own goes into
/// quarantine with one `source.anomaly` when it first does, is held back until its next attempt is due, and leaves
/// quarantine when it is fetched and parsed again.
extension SyncCycle {
    /// Whether `url` is in quarantine and its next attempt is not due yet (a page that failed is tried once a cycle,
    /// even when the cycle walks its day twice).
    func isHeldBack(_ url: String) -> Bool {
        guard !failedThisCycle.contains(url) else { return true }
        guard let entry = quarantine[url] else { return false }
        return !QuarantineSchedule.isDue(entry, at: engine.now())
    }

    /// Records a failed attempt at a page in `changes`; the first one also emits its anomaly.
    mutating func setAside(
        _ url: String, kind: QuarantinedPage.Kind, referenceId: String? = nil, listedReleased: String? = nil,
        error: SyncError, into changes: inout ArchiveChanges
    ) {
        let existing = quarantine[url]
        let entry = QuarantineSchedule.record(
            existing, url: url, kind: kind, referenceId: referenceId, listedReleased: listedReleased,
            problem: error.isUnfetchable ? .unfetchable : .unparseable, reason: "\(error)", at: engine.now())
        quarantine[url] = entry
        failedThisCycle.insert(url)
        changes.quarantine.append(entry)
        engine.logger.warning(
            "page set aside in quarantine",
            metadata: ["url": "\(url)", "attempts": "\(entry.attempts)", "reason": "\(entry.reason)"])
        guard existing == nil else { return }
        let anomaly: SourceAnomalyData.Kind = entry.problem == .unfetchable ? .unfetchablePage : .unparseablePage
        changes.events.append(
            PendingEvent(.sourceAnomaly, SourceAnomalyData(kind: anomaly, details: entry.reason, url: url)))
    }

    /// Takes a page that was fetched and parsed out of quarantine, if it was there; for a cable, also whatever was
    /// set aside for the same cable under another URL (a row whose link was broken and is fixed).
    mutating func heal(_ url: String, referenceId: String? = nil, into changes: inout ArchiveChanges) {
        // Called for every page fetched: nothing to look through when nothing is in quarantine.
        guard !quarantine.isEmpty else { return }
        let healed = quarantine.values.filter { entry in
            entry.url == url || (referenceId != nil && entry.kind == .cable && entry.referenceId == referenceId)
        }
        for entry in healed {
            quarantine.removeValue(forKey: entry.url)
            changes.healed.append(entry.url)
            engine.logger.notice("page out of quarantine", metadata: ["url": "\(entry.url)"])
        }
    }

    /// After a complete enumeration: cables set aside that no listing names any more are not the source's.
    mutating func forgetUnlisted(_ listed: Set<String>, into changes: inout ArchiveChanges) {
        let unlisted = quarantine.values.filter { entry in
            entry.kind == .cable && !(entry.referenceId.map(listed.contains) ?? false)
        }
        for entry in unlisted {
            quarantine.removeValue(forKey: entry.url)
            changes.healed.append(entry.url)
        }
    }

    /// Fetches again the cable pages in quarantine that are due and were not tried by this cycle's walks (a page
    /// set aside while revalidating an archived cable, or on a day not walked again), and commits what they give.
    mutating func retryQuarantinedCables() async throws(SyncError) {
        let targets = quarantine.values.sorted { $0.url < $1.url }.compactMap { entry -> CableTarget? in
            guard entry.kind == .cable, let referenceId = entry.referenceId, !fetchedThisCycle.contains(referenceId),
                !isHeldBack(entry.url), let url = engine.policy.resolve(entry.url)
            else { return nil }
            return CableTarget(referenceId: referenceId, url: url, listedReleased: entry.listedReleased)
        }
        guard !targets.isEmpty else { return }
        let states = try await storeCall(await store.cableStates(targets.map(\.referenceId)))
        let fetched = await fetchCables(targets, known: states)
        try await commit(fetched.changes)
        if let failure = fetched.failure { throw failure }
    }

    /// Cables listed by the source but set aside, so not archived: the counter counts them.
    func quarantinedCablesNotArchived() async throws(SyncError) -> Int {
        let referenceIds = Set(quarantine.values.filter { $0.kind == .cable }.compactMap(\.referenceId))
        guard !referenceIds.isEmpty else { return 0 }
        let states = try await storeCall(await store.cableStates(Array(referenceIds)))
        return referenceIds.filter { states[$0].map { $0.removed } ?? true }.count
    }
}
