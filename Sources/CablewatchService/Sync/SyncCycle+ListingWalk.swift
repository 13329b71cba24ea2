import CablewatchCore
import CablewatchStore

/// The listing walk (DESIGN.md §3.1, step 3): the release days' listing pages in batches, the cables they call for,
/// and the pipeline that commits each batch while the next one downloads.
extension SyncCycle {
    /// Batches that may wait for the committing task while the walk fetches the next one. The commits (SQLite
    /// writes, the search index, WAL checkpoints) take about as long as the downloads, but unevenly: two waiting
    /// batches let the downloads go on through a commit that also merges the search index, and more only add memory,
    /// since the CPU is then busy. The memory stays bounded because each commit trims the allocator (AllocatorTrim).
    static let batchesAhead = 2

    /// What one batch of listing pages gave: its cables' writes and events, and where it sits in the pagination.
    struct ListingBatchResult {
        var changes: ArchiveChanges
        var lastPage: Int
        var rows: Int
        /// A listing page or a cable of the batch is in quarantine.
        var pagesMissing: Bool
    }

    /// A batch that failed, with whatever of it is complete and worth keeping.
    struct ListingBatchFailure: Error {
        var error: SyncError
        var partial: ArchiveChanges?
    }

    /// Walks the days never walked or left incomplete, and the newest ones.
    mutating func walkNewReleases(sidebar: [ReleaseDay]) async throws(SyncError) {
        archived = try await storeCall(await store.activeCableCount())
        report(phase: "listings")
        let dayStates = try await storeCall(await store.releaseDayStates())
        let complete = Set(dayStates.values.filter { $0.complete }.map { $0.key })
        let days = ListingWalkPlan.days(
            sidebar: sidebar, completeDays: complete, newest: options.newestDaysRewalked, fullEnumeration: false)
        var listed: Set<String> = []
        try await walk(days, listed: &listed)
    }

    /// Walks every listing page of `days`, in order, fetching and storing the cables the listings call for.
    ///
    /// One child task commits the batches in walk order while the walk fetches the next ones (at most
    /// `batchesAhead` wait): a day is marked complete in the commit of its last batch, so the checkpoint a crash
    /// leaves is always consistent. A failed page keeps what was complete before it; a failed commit stops the walk.
    mutating func walk(_ days: [ReleaseDay], listed: inout Set<String>) async throws(SyncError) {
        guard !days.isEmpty else { return }
        let queue = CommitQueue<ArchiveChanges>(capacity: Self.batchesAhead)
        // Before the baseline, a batch commit skips its fsync: a power cut can only undo pages the next poll fetches
        // again (no per-cable events yet), and the cycle's final commit syncs them all.
        let committer = BatchCommitter(store: store, now: engine.now, source: options.sourceURL, durable: baselineDone)
        // The WAL is checkpointed on a connection of its own after each commit, so the committing task never waits
        // for a checkpoint's fsyncs (WALCheckpointer).
        let ((walkFailure, committed), checkpointFailures) = await store.withBackgroundCheckpoints { checkpointer in
            async let committing = committer.commitInOrder(from: queue, checkpointer: checkpointer)
            let walkFailure = await feed(queue, days: days, listed: &listed)
            await queue.finish()
            let waitStarted = ContinuousClock.now
            let committed = await committing
            storeWait += ContinuousClock.now - waitStarted
            return (walkFailure, committed)
        }
        if !checkpointFailures.isEmpty {
            engine.logger.warning(
                "background WAL checkpointing failed; the writer's own checkpoints carry on",
                metadata: [
                    "failed_checkpoints": "\(checkpointFailures.checkpoints)",
                    "error": "\(checkpointFailures.lastError ?? "")",
                ])
        }
        events.append(contentsOf: committed.events)
        report(phase: nil)
        // A commit failed first (the walk stopped because of it), or it failed after the walk's own failure, whose
        // partial batch could then not be kept: either way the store's error is the one to report.
        if let failure = committed.failure { throw failure }
        if let walkFailure { throw walkFailure }
    }

    /// Fetches the pages of `days` batch by batch and queues each batch's writes with its day checkpoint. Returns
    /// the walk's failure (after queueing whatever of the failed batch was complete), or nil.
    mutating func feed(_ queue: CommitQueue<ArchiveChanges>, days: [ReleaseDay], listed: inout Set<String>) async
        -> SyncError?
    {
        for day in days {
            var page = 0
            var lastPage = 0
            var rows = 0
            var pagesMissing = false
            repeat {
                let pages = ListingWalkPlan.batch(from: page, lastPage: lastPage)
                var changes: ArchiveChanges
                switch await walkBatch(day, pages, listed: &listed) {
                case .failure(let failure):
                    if let partial = failure.partial, !partial.isEmpty { _ = await push(partial, to: queue) }
                    return failure.error
                case .success(let result):
                    page = pages.upperBound
                    // Below `page` only when a release shortened the day during the batch (ListingBatch).
                    lastPage = result.lastPage
                    rows += result.rows
                    changes = result.changes
                    pagesMissing = pagesMissing || result.pagesMissing
                }
                if let checkpoint = ListingWalkPlan.checkpoint(
                    day: day.key, walked: page, lastPage: lastPage, rows: rows, pagesMissing: pagesMissing,
                    batchWrites: !changes.isEmpty)
                {
                    changes.days = [checkpoint]
                }
                // A closed queue means a commit failed: the walk stops and that failure is reported.
                if !changes.isEmpty, !(await push(changes, to: queue)) { return nil }
                report(phase: nil)
                page += 1
            } while page <= lastPage
        }
        return nil
    }

    /// Queues one batch, counting the time the walk waits for room as time spent waiting for the store.
    mutating func push(_ changes: ArchiveChanges, to queue: CommitQueue<ArchiveChanges>) async -> Bool {
        let started = ContinuousClock.now
        let accepted = await queue.push(changes)
        storeWait += ContinuousClock.now - started
        return accepted
    }

    /// Fetches a run of listing pages of one day (at the same time) and the cables they call for, as one batch.
    /// Never throws: the caller must first land the previous batch's commit.
    mutating func walkBatch(_ day: ReleaseDay, _ pages: ClosedRange<Int>, listed: inout Set<String>) async -> Result<
        ListingBatchResult, ListingBatchFailure
    > {
        do throws(SyncError) {
            var urls: [String] = []
            for page in pages {
                guard let url = engine.policy.resolve(day.path(page: page)) else {
                    throw SyncError(.offOrigin, url: day.path(page: page))
                }
                urls.append(url)
            }
            if Task.isCancelled { throw SyncError(.cancelled) }
            let heldBack = Set(urls.filter { isHeldBack($0) })
            requests += urls.count - heldBack.count
            let fetcher = engine.fetcher
            let fetched = await withTaskGroup(of: (Int, Result<ListingPage, SyncError>).self) { group in
                for (index, url) in urls.enumerated() {
                    if heldBack.contains(url) {
                        group.addTask { (index, .failure(SyncError(.heldInQuarantine, url: url))) }
                    } else {
                        group.addTask { (index, await Self.listing(at: url, with: fetcher)) }
                    }
                }
                var results: [(Int, Result<ListingPage, SyncError>)] = []
                for await result in group { results.append(result) }
                return results.sorted { $0.0 < $1.0 }.map(\.1)
            }
            let batch = try ListingBatch.resolve(pages: pages, results: fetched).get()
            var changes = ArchiveChanges()
            var pagesMissing = !batch.failedPages.isEmpty
            for (offset, page) in pages.enumerated() {
                let url = urls[offset]
                switch fetched[offset] {
                case .success:
                    heal(url, into: &changes)
                case .failure(let error) where batch.failedPages.contains(page) && !heldBack.contains(url):
                    setAside(url, kind: .listing, error: error, into: &changes)
                case .failure:
                    break
                }
            }
            if pagesMissing { listingPagesMissing = true }
            let referenceIds = batch.listings.flatMap { $0.rows.map(\.referenceId) }
            for referenceId in referenceIds { listed.insert(referenceId) }
            let states = try await storeCall(await store.cableStates(referenceIds))
            let targets = cableTargets(
                batch.listings.flatMap(\.rows), known: states, pagesMissing: &pagesMissing, into: &changes)
            let cables = await fetchCables(targets, known: states)
            changes.merge(cables.changes)
            if let failure = cables.failure { return .failure(ListingBatchFailure(error: failure, partial: changes)) }
            return .success(
                ListingBatchResult(
                    changes: changes, lastPage: batch.lastPage, rows: referenceIds.count,
                    pagesMissing: pagesMissing || cables.setAsideAny))
        } catch {
            return .failure(ListingBatchFailure(error: error, partial: nil))
        }
    }

    /// The cables `rows` call for (`CableClassification.listingCallsForFetch`), once each, leaving out those fetched
    /// this cycle. A cable in quarantine that is not due, or whose link leaves the source, leaves its day incomplete;
    /// the latter is set aside.
    mutating func cableTargets(
        _ rows: [ListingRow], known states: [String: ArchivedCableState], pagesMissing: inout Bool,
        into changes: inout ArchiveChanges
    ) -> [CableTarget] {
        var targets: [CableTarget] = []
        var targeted: Set<String> = []
        for row in rows where !fetchedThisCycle.contains(row.referenceId) && !targeted.contains(row.referenceId) {
            guard CableClassification.listingCallsForFetch(row, known: states[row.referenceId]) else { continue }
            let cableURL = engine.policy.resolve(row.cablePath)
            if isHeldBack(cableURL ?? row.cablePath) {
                pagesMissing = true
                continue
            }
            guard let cableURL else {
                // A row whose link leaves the source (another host, `javascript:`): that cable is set aside.
                setAside(
                    row.cablePath, kind: .cable, referenceId: row.referenceId, listedReleased: row.released,
                    error: SyncError(.offOrigin, url: row.cablePath), into: &changes)
                pagesMissing = true
                continue
            }
            targeted.insert(row.referenceId)
            targets.append(CableTarget(referenceId: row.referenceId, url: cableURL, listedReleased: row.released))
        }
        return targets
    }

    /// Fetches and parses one listing page.
    static func listing(at url: String, with fetcher: any PageFetching) async -> Result<ListingPage, SyncError> {
        await CableFetchBatch.fetch(url, with: fetcher).flatMap { response in
            do throws(PageParseError) {
                return .success(try PageParser.parseListing(response.body))
            } catch {
                return .failure(SyncError(.parse(error), url: url))
            }
        }
    }
}
