import CablewatchCore
import CablewatchStore
import Foundation
import Logging

/// The mutable state of one running cycle (requests made, events committed, what the listings showed).
struct SyncCycle {
    let engine: SyncEngine
    let progress: (@Sendable (SyncProgress) -> Void)?
    var requests = 0
    var cablesFetched = 0
    var events: [EventEnvelope] = []
    var baselineDone = false
    var counter = ReleaseCounter(released: 0, total: 0)
    var fetchedThisCycle: Set<String> = []
    var lastAnomaly: String?
    var archived = 0
    var storeWait: Duration = .zero
    /// Pages set aside, by URL: loaded when the cycle starts, kept current as pages fail and heal.
    var quarantine: [String: QuarantinedPage] = [:]
    /// Set when a listing page failed or was held back during a walk: an enumeration is then incomplete.
    var listingPagesMissing = false
    /// Pages that failed in this cycle (not tried again before the next one).
    var failedThisCycle: Set<String> = []
    /// The source's problems and the held removals as the cycle found them (only the cycle itself changes them).
    var problems = SourceProblems()
    var heldRemovals: MassRemovalGuard.Held?

    init(engine: SyncEngine, progress: (@Sendable (SyncProgress) -> Void)?) {
        self.engine = engine
        self.progress = progress
    }

    var store: ArchiveStore { engine.store }
    var options: SyncOptions { engine.options }

    mutating func run() async throws(SyncError) -> SyncReport {
        let cycleStart = engine.now()
        let values = try await storeCall { try await store.syncValues() }
        baselineDone = values[SyncStateKey.baselineDone] == "1"
        lastAnomaly = values[SyncStateKey.lastAnomaly]
        problems = SourceProblems(syncState: values)
        heldRemovals = StateJSON.decode(MassRemovalGuard.Held.self, from: values[MassRemovalGuard.Held.syncStateKey])
        let lastCycleComplete = values[SyncStateKey.cycleComplete] == "1"
        quarantine = Dictionary(
            try await storeCall { try await store.quarantinedPages() }.map { ($0.url, $0) }, uniquingKeysWith: { $1 })

        // 1. The home page: counter and release days. Conditional only when the last cycle finished, since a 304
        //    carries no body to resume from.
        guard let homeURL = engine.policy.resolve(options.homePath) else {
            throw SyncError(.offOrigin, url: options.homePath)
        }
        // The home page the last cycle read to the end kept: its validators are sent only when that cycle
        // completed, its hash tells a new build either way.
        let kept = try await storeCall { try await store.fetchCacheEntry(url: homeURL) }
        let cached = lastCycleComplete ? kept : nil
        let home = try await fetch(
            FetchRequest(url: homeURL, etag: cached?.etag, lastModified: cached?.lastModified))
        let homeHash = home.notModified ? cached?.bodySHA256 : ContentHasher.sha256Hex(home.body)
        let revalidateEveryBuild = options.revalidate == .zero
        let cutoff = Timestamp.string(from: cycleStart.addingTimeInterval(-options.revalidate.seconds))
        let anyDue = try await storeCall { try await store.anyDueForRevalidation(fetchedBefore: cutoff) }
        let revalidationDue = !revalidateEveryBuild && anyDue
        let decision = HomeCheck.decide(
            notModified: home.notModified, sameBody: homeHash != nil && homeHash == kept?.bodySHA256,
            lastCycleComplete: lastCycleComplete, revalidationDue: revalidationDue,
            revalidateEveryBuild: revalidateEveryBuild)
        let homeCache = FetchCacheEntry(
            url: homeURL, etag: home.etag ?? cached?.etag, lastModified: home.lastModified ?? cached?.lastModified,
            bodySHA256: homeHash)

        guard case .proceed(let newBuild) = decision else {
            counter = try await storeCall { try await store.latestCounter() } ?? counter
            if !home.notModified {
                var changes = ArchiveChanges()
                changes.fetchCache = [homeCache]
                try await commit(changes)
            }
            return report(.unchanged, cacheMaxAge: home.cacheMaxAgeSeconds)
        }

        if home.notModified {
            // Only revalidation is due; the source itself has not moved.
            counter = try await storeCall { try await store.latestCounter() } ?? counter
            try await revalidate(cutoff: cutoff)
            var changes = ArchiveChanges()
            changes.syncState[SyncStateKey.cycleComplete] = "1"
            changes.syncState[SourceProblems.unrecognisedMarkupKey] = ""
            try await commit(changes)
            return report(.ok, cacheMaxAge: home.cacheMaxAgeSeconds)
        }

        let parsed = try parse(home, url: homeURL)
        guard let homeCounter = parsed.counter else { throw SyncError(.missingCounter, url: homeURL) }
        // A counter with no release day is markup this parser does not know, never an empty site: acting on it
        // would walk nothing and conclude nothing is released.
        guard !parsed.releaseDays.isEmpty else {
            throw SyncError(
                .unrecognisedMarkup(
                    "the home page says \(homeCounter.released) / \(homeCounter.total) released but its sidebar links "
                        + "no release day ('Browse latest releases' missing, or in a form this version does not read)"),
                url: homeURL)
        }
        counter = homeCounter
        try await recordCounter()

        // 2. Walk the release days that may hold something new.
        archived = try await storeCall { try await store.activeCableCount() }
        report(phase: "listings")
        let dayStates = try await storeCall { try await store.releaseDayStates() }
        let complete = Set(dayStates.values.filter { $0.complete }.map { $0.key })
        let days = ListingWalkPlan.days(
            sidebar: parsed.releaseDays, completeDays: complete, newest: options.newestDaysRewalked,
            fullEnumeration: false)
        var listed: Set<String> = []
        try await walk(days, listed: &listed)

        // 3. Reconcile: the archive must agree with the counter, or a full enumeration settles it.
        archived = try await storeCall { try await store.activeCableCount() }
        var finalChanges = ArchiveChanges()
        let setAside = try await quarantinedCablesNotArchived()
        if ListingWalkPlan.needsReconciliation(counter: counter, activeCables: archived + setAside) {
            try await enumerateEverything(
                sidebar: parsed.releaseDays,
                home: FetchRequest(url: homeURL, etag: home.etag, lastModified: home.lastModified),
                homeHash: homeHash)
        } else {
            finalChanges.syncState[SourceProblems.countAboveListingsKey] = ""
        }

        // 4. Retry the cable pages in quarantine that are due and that no walk of this cycle tried; then revalidate
        //    archived cables: all of them on a new build with `revalidate: 0s`, else those due.
        try await retryQuarantinedCables()
        if revalidateEveryBuild {
            if newBuild { try await revalidate(cutoff: Timestamp.string(from: cycleStart)) }
        } else {
            try await revalidate(cutoff: cutoff)
        }

        // 5. The first complete sync is the baseline; the cycle is complete once the home page's validators are kept.
        var changes = finalChanges
        changes.syncState[SourceProblems.unrecognisedMarkupKey] = ""
        if !baselineDone {
            archived = try await storeCall { try await store.activeCableCount() }
            changes.events.append(
                PendingEvent(
                    .syncBaseline, SyncBaselineData(cables: archived, released: counter.released, total: counter.total))
            )
            changes.syncState[SyncStateKey.baselineDone] = "1"
        }
        changes.fetchCache = [homeCache]
        // Pages in quarantine are tried again through a full walk, which a 304 for the home page would skip.
        changes.syncState[SyncStateKey.cycleComplete] = quarantine.isEmpty ? "1" : "0"
        try await commit(changes)
        baselineDone = true
        return report(quarantine.isEmpty ? .ok : .partial, cacheMaxAge: home.cacheMaxAgeSeconds)
    }

    // MARK: Steps

    /// Records a changed counter (and an anomaly when it went down); marks the cycle as in progress.
    mutating func recordCounter() async throws(SyncError) {
        let previous = try await storeCall { try await store.latestCounter() }
        var changes = ArchiveChanges()
        changes.syncState[SyncStateKey.cycleComplete] = "0"
        if previous != counter {
            changes.counter = counter
            if let previous {
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
            }
        }
        try await commit(changes)
    }

    /// Listing pages walked (and committed) as one batch after a day's first page. Fewer, larger commits dirty each
    /// random index leaf (cable, revision, event ids) fewer times, so a backfill writes less to disk; the memory it
    /// takes (about 2,000 parsed cables in flight) is bounded by the listing's page size, not by the corpus.
    static let listingPagesPerBatch = 16

    /// Batches that may wait for the committing task while the walk fetches the next one. The commits (SQLite
    /// writes, the search index, WAL checkpoints) take about as long as the downloads, but unevenly: one waiting batch
    /// lets the downloads go on through a slow commit, and more only add memory, since the CPU is then busy.
    static let batchesAhead = 1

    /// Walks every listing page of `days`, in order, fetching and storing the cables the listings call for.
    ///
    /// One child task commits the batches in walk order while the walk fetches the next ones (at most
    /// `batchesAhead` wait): a day is marked complete in the commit of its last batch, so the checkpoint a crash
    /// leaves is always consistent. A failed page keeps what was complete before it; a failed commit stops the walk.
    mutating func walk(_ days: [ReleaseDay], listed: inout Set<String>) async throws(SyncError) {
        guard !days.isEmpty else { return }
        let queue = CommitQueue<ArchiveChanges>(capacity: Self.batchesAhead)
        let store = store
        let now = engine.now
        let source = options.sourceURL
        // Before the baseline, a batch commit skips its fsync: a power cut can only undo pages the next poll fetches
        // again (no per-cable events yet), and the cycle's final commit syncs them all.
        let durable = baselineDone
        // The WAL is checkpointed on a connection of its own after each commit, so the committing task never waits
        // for a checkpoint's fsyncs (WALCheckpointer).
        let ((walkFailure, committed), checkpointFailures) = await store.withBackgroundCheckpoints { checkpointer in
            async let committing = Self.commitInOrder(
                from: queue, store: store, now: now, source: source, durable: durable, checkpointer: checkpointer)
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

    /// What the committing task did: the events of the batches it committed, and the failure that stopped it.
    struct CommittedBatches: Sendable {
        var events: [EventEnvelope]
        var failure: SyncError?
    }

    /// Commits the queued batches one by one, in order, until the walk finishes or a commit fails.
    static func commitInOrder(
        from queue: CommitQueue<ArchiveChanges>, store: ArchiveStore, now: @escaping @Sendable () -> Date,
        source: String, durable: Bool, checkpointer: WALCheckpointer
    ) async -> CommittedBatches {
        var committed = CommittedBatches(events: [], failure: nil)
        while let changes = await queue.next() {
            switch await commitBatch(changes, store: store, now: now, source: source, durable: durable) {
            case .success(let events):
                committed.events.append(contentsOf: events)
                checkpointer.request()
            case .failure(let error):
                committed.failure = error
                await queue.close()
                return committed
            }
        }
        return committed
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
                // Page 0 tells how many pages the day has; after it, `listingPagesPerBatch` pages are walked as one
                // batch (listings fetched together, one commit): fewer pauses between pages, fewer commits.
                let pages = page...max(page, min(lastPage, page + (page == 0 ? 0 : Self.listingPagesPerBatch - 1)))
                var changes: ArchiveChanges
                switch await walkPages(day, pages, listed: &listed) {
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
                if page >= lastPage {
                    // A day with a page or cable in quarantine is walked again until it heals.
                    changes.days = [
                        ReleaseDayState(key: day.key, lastPage: lastPage, rows: rows, complete: !pagesMissing)
                    ]
                } else if !changes.isEmpty {
                    changes.days = [ReleaseDayState(key: day.key, lastPage: lastPage, rows: rows, complete: false)]
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

    /// What one listing page gave: its cables' writes and events, and where it sits in the pagination.
    struct PageResult {
        var changes: ArchiveChanges
        var lastPage: Int
        var rows: Int
        /// A listing page or a cable of the batch is in quarantine.
        var pagesMissing: Bool
    }

    /// A page that failed, with whatever of it is complete and worth keeping.
    struct PageFailure: Error {
        var error: SyncError
        var partial: ArchiveChanges?
    }

    /// Fetches a run of listing pages of one day (at the same time) and the cables they call for, as one batch.
    /// Never throws: the caller must first land the previous batch's commit.
    mutating func walkPages(_ day: ReleaseDay, _ pages: ClosedRange<Int>, listed: inout Set<String>) async -> Result<
        PageResult, PageFailure
    > {
        do {
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
            let listings = batch.listings
            let referenceIds = listings.flatMap { $0.rows.map(\.referenceId) }
            for referenceId in referenceIds { listed.insert(referenceId) }
            let states = try await storeCall { try await store.cableStates(referenceIds) }
            var targets: [CableTarget] = []
            var targeted: Set<String> = []
            for row in listings.flatMap(\.rows)
            where !fetchedThisCycle.contains(row.referenceId) && !targeted.contains(row.referenceId) {
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
            let (cableChanges, failure, cablesSetAside) = await fetchCables(targets, known: states)
            changes.merge(cableChanges)
            if let failure { return .failure(PageFailure(error: failure, partial: changes)) }
            return .success(
                PageResult(
                    changes: changes, lastPage: batch.lastPage, rows: referenceIds.count,
                    pagesMissing: pagesMissing || cablesSetAside))
        } catch let error as SyncError {
            return .failure(PageFailure(error: error, partial: nil))
        } catch {
            return .failure(PageFailure(error: SyncError(.cancelled), partial: nil))
        }
    }

    /// Fetches and parses one listing page.
    static func listing(at url: String, with fetcher: any PageFetching) async -> Result<ListingPage, SyncError> {
        await fetch(url, with: fetcher).flatMap { response in
            do throws(PageParseError) {
                return .success(try PageParser.parseListing(response.body))
            } catch {
                return .failure(SyncError(.parse(error), url: url))
            }
        }
    }

    /// Commits one batch outside the cycle's state, so it can run while the next page downloads.
    static func commitBatch(
        _ changes: ArchiveChanges, store: ArchiveStore, now: @Sendable () -> Date, source: String, durable: Bool
    ) async -> Result<[EventEnvelope], SyncError> {
        do {
            return .success(try await store.commit(changes, at: now(), source: source, durable: durable))
        } catch {
            return .failure(SyncError(.store(error)))
        }
    }

    /// Takes a landed commit's events into the cycle's report.
    mutating func record(_ result: Result<[EventEnvelope], SyncError>) throws(SyncError) {
        switch result {
        case .success(let committed):
            events.append(contentsOf: committed)
            report(phase: nil)
        case .failure(let error):
            throw error
        }
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
            archived = try await storeCall { try await store.activeCableCount() }
            return
        }
        let recheck = try await fetch(home)
        guard recheck.notModified || ContentHasher.sha256Hex(recheck.body) == homeHash else {
            engine.logger.notice(
                "the source released during this cycle: removals and the count check wait for the next cycle")
            archived = try await storeCall { try await store.activeCableCount() }
            return
        }
        // Every listing page of every day fetched and parsed (any failure threw above), and the source did not move
        // meanwhile: removals are safe to act on.
        let active = try await storeCall { try await store.activeReferenceIds() }
        var changes = ArchiveChanges()
        let corroborated = ListingWalkPlan.removalsAreCorroborated(listed: listed.count, counter: counter)
        // A home page whose counter says nothing is released never removes anything.
        var removed =
            corroborated && counter.released > 0 ? ListingWalkPlan.removals(active: active, listed: listed) : []
        guardMassRemoval(&removed, active: active.count, into: &changes)
        forgetUnlisted(listed, into: &changes)
        if !removed.isEmpty {
            let states = try await storeCall { try await store.cableStates(removed) }
            for referenceId in removed {
                changes.removals.append(referenceId)
                changes.events.append(
                    PendingEvent(
                        .cableRemoved,
                        CableRemovedData(
                            referenceId: referenceId, lastSHA256: states[referenceId]?.contentSHA256 ?? "")))
            }
        }
        // The real site's counter always matched its listings: a counter above them keeps `status` degraded until
        // they agree again.
        if listed.count < counter.released {
            let since = problems.countAboveListings?.since ?? engine.now()
            changes.syncState[SourceProblems.countAboveListingsKey] = StateJSON.encode(
                SourceProblems.CountAboveListings(counter: counter.released, listed: listed.count, since: since))
        } else {
            changes.syncState[SourceProblems.countAboveListingsKey] = ""
        }
        if listed.count != counter.released {
            let key = "countMismatch:\(counter.released)/\(listed.count)"
            let refused = corroborated ? "" : "; no cable was marked removed on such thin evidence"
            if key != lastAnomaly {
                changes.events.append(
                    PendingEvent(
                        .sourceAnomaly,
                        SourceAnomalyData(
                            kind: .countMismatch,
                            details:
                                "the counter says \(counter.released) released but the listings hold \(listed.count)"
                                + refused)))
                changes.syncState[SyncStateKey.lastAnomaly] = key
                lastAnomaly = key
            }
        }
        try await commit(changes)
        archived = active.count - removed.count
    }

    /// Re-fetches archived cables last fetched before `cutoff`, in batches.
    mutating func revalidate(cutoff: String) async throws(SyncError) {
        report(phase: "revalidating")
        var exhausted: Set<String> = []
        while true {
            let due = try await storeCall {
                // Cables tried this cycle that failed stay due: ask past them.
                try await store.cablesDueForRevalidation(fetchedBefore: cutoff, limit: 50 + exhausted.count)
            }
            let fresh = due.filter { !exhausted.contains($0.referenceId) }
            if fresh.isEmpty { return }
            for cable in fresh { exhausted.insert(cable.referenceId) }
            // A cable whose page is in quarantine waits for its next attempt.
            let targets = fresh.filter { !isHeldBack($0.url) }.map {
                CableTarget(referenceId: $0.referenceId, url: $0.url, listedReleased: $0.listedReleased)
            }
            if targets.isEmpty { continue }
            let states = try await storeCall { try await store.cableStates(targets.map(\.referenceId)) }
            let (changes, failure, _) = await fetchCables(targets, known: states)
            try await commit(changes)
            if let failure { throw failure }
        }
    }

    // MARK: Cables

    /// Fetches and parses cable pages concurrently (at most `concurrency` at once) and turns them into archive
    /// writes and events. A page that fails on its own is set aside in quarantine (the third value says whether any
    /// was); any other failure is reported after the others are kept.
    mutating func fetchCables(_ targets: [CableTarget], known: [String: ArchivedCableState]) async -> (
        ArchiveChanges, SyncError?, Bool
    ) {
        var changes = ArchiveChanges()
        guard !targets.isEmpty else { return (changes, nil, false) }
        let fetcher = engine.fetcher
        // Each child keeps only the parsed cable (or the error): page bytes are dropped as soon as they are parsed,
        // so memory is bounded by the batch, not by page sizes.
        let results = await withTaskGroup(of: CableFetchOutcome.self) { group in
            var results: [CableFetchOutcome] = []
            var next = 0
            func launch(_ index: Int) {
                let target = targets[index]
                group.addTask {
                    switch await Self.fetch(target.url, with: fetcher) {
                    case .failure(let error):
                        return CableFetchOutcome(index: index, result: .failure(error), responded: false)
                    case .success(let response):
                        return CableFetchOutcome(
                            index: index, result: Self.cable(from: response, target: target), responded: true)
                    }
                }
            }
            while next < min(targets.count, max(1, options.concurrency)) {
                launch(next)
                next += 1
            }
            while let result = await group.next() {
                results.append(result)
                if next < targets.count {
                    launch(next)
                    next += 1
                }
            }
            return results.sorted { $0.index < $1.index }
        }
        requests += results.filter { $0.responded || isTransportAttempt($0.result) }.count
        var firstError: SyncError?
        var setAsideAny = false
        for outcome in results {
            let target = targets[outcome.index]
            switch outcome.result {
            case .failure(let error) where error.isPageProblem:
                setAside(
                    target.url, kind: .cable, referenceId: target.referenceId, listedReleased: target.listedReleased,
                    error: error, into: &changes)
                setAsideAny = true
            case .failure(let error):
                firstError = firstError ?? error
            case .success(let cable):
                heal(target.url, referenceId: cable.referenceId, into: &changes)
                cablesFetched += 1
                fetchedThisCycle.insert(cable.referenceId)
                let state = known[cable.referenceId]
                let previousText: String?
                if case .changed = CableClassification.classify(cable.hashes, against: state) {
                    do {
                        previousText = try await store.currentCanonicalText(referenceId: cable.referenceId)
                    } catch {
                        firstError = firstError ?? SyncError(.store(error))
                        continue
                    }
                } else {
                    previousText = nil
                }
                appendWrite(cable, target: target, state: state, previousText: previousText, into: &changes)
            }
        }
        return (changes, firstError, setAsideAny)
    }

    /// Fetches one page from a child task (which cannot touch the cycle's request count).
    static func fetch(_ url: String, with fetcher: any PageFetching) async -> Result<FetchResponse, SyncError> {
        do {
            return .success(try await fetcher.fetch(FetchRequest(url: url)))
        } catch {
            return .failure(SyncError(.fetch(error), url: url))
        }
    }

    /// Parses a fetched cable page and checks it is the cable the listing named.
    static func cable(from response: FetchResponse, target: CableTarget) -> Result<CablePage, SyncError> {
        // Only the cable is read: the sidebar's release days (most of the page's bytes) are not needed here.
        let cable: CablePage
        do {
            cable = try PageParser.parseCable(response.body)
        } catch {
            return .failure(SyncError(.parse(error), url: target.url))
        }
        guard cable.referenceId == target.referenceId else {
            return .failure(
                SyncError(.referenceMismatch(expected: target.referenceId, found: cable.referenceId), url: target.url))
        }
        return .success(cable)
    }

    private func isTransportAttempt(_ result: Result<CablePage, SyncError>) -> Bool {
        if case .failure(let error) = result, case .fetch = error.kind { return true }
        return false
    }

    /// Turns one fetched cable into its archive write and event.
    mutating func appendWrite(
        _ cable: CablePage, target: CableTarget, state: ArchivedCableState?, previousText: String?,
        into changes: inout ArchiveChanges
    ) {
        let classification = CableClassification.classify(cable.hashes, against: state)
        let emitPerCable = baselineDone || options.baselinePerCable
        switch classification {
        case .new:
            changes.cables.append(
                CableWrite(
                    kind: .insert, page: cable, url: target.url, listedReleased: target.listedReleased,
                    readded: false, sourceBuild: nil))
            archived += 1
            if emitPerCable {
                changes.events.append(
                    PendingEvent(.cableAdded, CableAddedData(cable: cable, url: target.url, readded: false)))
            }
        case .readded(let changed):
            let revision = (state?.revision ?? 0) + 1
            changes.cables.append(
                CableWrite(
                    kind: changed ? .newRevision(number: revision) : .touch, page: cable, url: target.url,
                    listedReleased: target.listedReleased, readded: true, sourceBuild: nil))
            archived += 1
            changes.events.append(
                PendingEvent(.cableAdded, CableAddedData(cable: cable, url: target.url, readded: true)))
        case .changed(let whitespaceOnly):
            let revision = (state?.revision ?? 0) + 1
            changes.cables.append(
                CableWrite(
                    kind: .newRevision(number: revision), page: cable, url: target.url,
                    listedReleased: target.listedReleased, readded: false, sourceBuild: nil))
            changes.events.append(
                PendingEvent(
                    .cableChanged,
                    CableChangedData(
                        referenceId: cable.referenceId, revision: revision,
                        previousSHA256: state?.contentSHA256 ?? "", contentSHA256: cable.hashes.contentSHA256,
                        whitespaceOnly: whitespaceOnly,
                        summary: TextChangeSummary.between(old: previousText ?? "", new: cable.canonicalText),
                        origin: cable.origin, classification: cable.classification, tags: cable.fields.tags,
                        url: target.url)))
        case .unchanged:
            changes.cables.append(
                CableWrite(
                    kind: .touch, page: cable, url: target.url, listedReleased: target.listedReleased,
                    readded: false, sourceBuild: nil))
        }
    }

    /// Holds back removals the mass-removal guard does not trust yet (emptying `removed`), with one
    /// `source.anomaly massRemovalHeld` per distinct set; applies them once a later enumeration confirms them.
    mutating func guardMassRemoval(_ removed: inout [String], active: Int, into changes: inout ArchiveChanges) {
        let key = MassRemovalGuard.Held.syncStateKey
        guard !removed.isEmpty else {
            changes.syncState[key] = ""
            return
        }
        let policy = options.massRemoval
        switch policy.decide(removals: removed, active: active, held: heldRemovals, now: engine.now()) {
        case .apply:
            changes.syncState[key] = ""
        case .hold(let held, let newly):
            changes.syncState[key] = StateJSON.encode(held)
            if newly {
                changes.events.append(
                    PendingEvent(
                        .sourceAnomaly,
                        SourceAnomalyData(
                            kind: .massRemovalHeld,
                            details:
                                "\(removed.count) of \(active) archived cables are missing from a complete enumeration, "
                                + "more than the \(policy.limit(active: active)) one cycle may remove; held until a "
                                + "complete enumeration at least \(policy.confirmAfter) later finds the same set missing"
                        )
                    ))
            }
            engine.logger.warning(
                "removals held back by the mass-removal guard",
                metadata: ["missing": "\(removed.count)", "active": "\(active)", "since": "\(held.since)"])
            removed = []
        }
    }

    /// Records a page of unknown markup: the problem `status` shows as failing, one `source.anomaly` when it is
    /// first seen (not again while it lasts), and an incomplete cycle, so the next poll reads the home page in full.
    mutating func recordUnrecognisedMarkup(_ detail: String, url: String) async throws(SyncError) {
        let known = problems
        var changes = ArchiveChanges()
        changes.syncState[SyncStateKey.cycleComplete] = "0"
        if known.unrecognisedMarkup == nil {
            changes.events.append(
                PendingEvent(
                    .sourceAnomaly, SourceAnomalyData(kind: .unrecognisedMarkup, details: detail, url: url)))
        }
        let since = known.unrecognisedMarkup?.since ?? engine.now()
        changes.syncState[SourceProblems.unrecognisedMarkupKey] = StateJSON.encode(
            SourceProblems.UnrecognisedMarkup(url: url, detail: detail, since: since))
        try await commit(changes)
    }

    // MARK: Plumbing

    mutating func fetch(_ request: FetchRequest) async throws(SyncError) -> FetchResponse {
        if Task.isCancelled { throw SyncError(.cancelled) }
        requests += 1
        do {
            return try await engine.fetcher.fetch(request)
        } catch {
            throw SyncError(.fetch(error), url: request.url)
        }
    }

    func parse(_ response: FetchResponse, url: String) throws(SyncError) -> ParsedPage {
        do {
            return try PageParser.parse(response.body)
        } catch {
            throw SyncError(.parse(error), url: url)
        }
    }

    mutating func commit(_ changes: ArchiveChanges) async throws(SyncError) {
        if Task.isCancelled { throw SyncError(.cancelled) }
        let started = ContinuousClock.now
        let committed = try await storeCall {
            try await store.commit(changes, at: engine.now(), source: options.sourceURL)
        }
        storeWait += ContinuousClock.now - started
        events.append(contentsOf: committed)
        report(phase: nil)
    }

    func storeCall<T>(_ body: () async throws -> T) async throws(SyncError) -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw SyncError(.store(error))
        } catch let error as SyncError {
            throw error
        } catch {
            throw SyncError(.store(StoreError(kind: .invariant("\(error)"), operation: "sync", path: "", message: "")))
        }
    }

    func report(phase: String?) {
        progress?(SyncProgress(archived: archived, released: counter.released, phase: phase ?? ""))
    }

    func report(_ outcome: SyncReport.Outcome, cacheMaxAge: Int?) -> SyncReport {
        var report = SyncReport(
            outcome: outcome, counter: counter, requests: requests, cablesFetched: cablesFetched, events: events,
            cacheMaxAgeSeconds: cacheMaxAge)
        report.storeWait = storeWait
        report.quarantined = quarantine.count
        return report
    }
}

/// How fetching one cable page ended: the parsed cable or the error, and whether the source answered at all.
struct CableFetchOutcome: Sendable {
    var index: Int
    var result: Result<CablePage, SyncError>
    var responded: Bool
}

/// A cable page to fetch, and what the listing said about it.
struct CableTarget: Sendable {
    var referenceId: String
    var url: String
    var listedReleased: String?
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
