import CablewatchCore
import CablewatchStore
import Foundation
import Logging

/// The mutable state of one running cycle (requests made, events committed, what the listings showed), and the
/// order of its steps (DESIGN.md §3.1). Each step lives in its own file; what a step writes is planned by the pure
/// functions of CablewatchCore `Sync/`.
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

    var store: any ArchiveStoring { engine.store }
    var options: SyncOptions { engine.options }

    mutating func run() async throws(SyncError) -> SyncReport {
        let cycleStart = engine.now()
        let lastCycleComplete = try await loadState()

        // 1. The home page decides whether there is anything to do.
        let home = try await checkHome(at: cycleStart, lastCycleComplete: lastCycleComplete)
        guard case .proceed(let newBuild) = home.decision else {
            counter = try await storeCall(await store.latestCounter()) ?? counter
            try await commit(CycleBookkeeping.unchanged(homeCache: home.response.notModified ? nil : home.cache))
            return report(.unchanged, cacheMaxAge: home.response.cacheMaxAgeSeconds)
        }
        if home.response.notModified {
            // Only revalidation is due; the source itself has not moved.
            counter = try await storeCall(await store.latestCounter()) ?? counter
            try await revalidate(cutoff: home.revalidationCutoff)
            try await commit(CycleBookkeeping.revalidated())
            return report(.ok, cacheMaxAge: home.response.cacheMaxAgeSeconds)
        }

        // 2. Its counter and release days.
        let sidebar = try readCounterAndReleaseDays(home)
        try await recordCounter()

        // 3. Walk the release days that may hold something new.
        try await walkNewReleases(sidebar: sidebar)

        // 4. Reconcile: the archive must agree with the counter, or a full enumeration settles it.
        let countAgrees = try await reconcile(sidebar: sidebar, home: home)

        // 5. Retry the cable pages in quarantine no walk tried; then revalidate archived cables.
        try await retryQuarantinedCables()
        try await revalidateArchive(home: home, newBuild: newBuild, cycleStart: cycleStart)

        // 6. The first complete sync is the baseline; the cycle is complete once the home page's validators are kept.
        var baseline: SyncBaselineData?
        if !baselineDone {
            archived = try await storeCall(await store.activeCableCount())
            baseline = SyncBaselineData(cables: archived, released: counter.released, total: counter.total)
        }
        try await commit(
            CycleBookkeeping.finished(
                homeCache: home.cache, countAgrees: countAgrees, baseline: baseline,
                pagesInQuarantine: !quarantine.isEmpty))
        baselineDone = true
        return report(quarantine.isEmpty ? .ok : .partial, cacheMaxAge: home.response.cacheMaxAgeSeconds)
    }

    /// Reads what earlier cycles left: the baseline, the last anomaly, the source's problems, held removals and
    /// the quarantine. Returns whether the last cycle completed.
    mutating func loadState() async throws(SyncError) -> Bool {
        let values = try await storeCall(await store.syncValues())
        baselineDone = values[SyncStateKey.baselineDone] == "1"
        lastAnomaly = values[SyncStateKey.lastAnomaly]
        problems = SourceProblems(syncState: values)
        heldRemovals = StateJSON.decode(MassRemovalGuard.Held.self, from: values[MassRemovalGuard.Held.syncStateKey])
        let pages = try await storeCall(await store.quarantinedPages())
        quarantine = Dictionary(pages.map { ($0.url, $0) }, uniquingKeysWith: { $1 })
        return values[SyncStateKey.cycleComplete] == "1"
    }

    /// Records a page of unknown markup: the problem `status` shows as failing, one `source.anomaly` when it is
    /// first seen (not again while it lasts), and an incomplete cycle, so the next poll reads the home page in full.
    mutating func recordUnrecognisedMarkup(_ detail: String, url: String) async throws(SyncError) {
        try await commit(CycleBookkeeping.unrecognisedMarkup(detail, url: url, known: problems, now: engine.now()))
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

    mutating func commit(_ changes: ArchiveChanges) async throws(SyncError) {
        if Task.isCancelled { throw SyncError(.cancelled) }
        let started = ContinuousClock.now
        let committed = try await storeCall(await store.commit(changes, at: engine.now(), source: options.sourceURL))
        storeWait += ContinuousClock.now - started
        events.append(contentsOf: committed)
        report(phase: nil)
    }

    /// Runs one archive call; its failure fails the cycle as an archive error.
    func storeCall<T>(_ call: @autoclosure () async throws(StoreError) -> T) async throws(SyncError) -> T {
        do {
            return try await call()
        } catch {
            throw SyncError(.store(error))
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
