import CablewatchCore
import CablewatchStore
import Foundation

/// The home page as this cycle read it, and what it decided (DESIGN.md §3.1, steps 1 and 2).
struct HomeVisit {
    var url: String
    var response: FetchResponse
    /// The SHA-256 of the body this cycle stands on: the response's, or the kept page's when it answered 304.
    var bodySHA256: String?
    /// The validators and hash the cycle keeps for the home page once it ends.
    var cache: FetchCacheEntry
    var decision: HomeCheck
    /// Archived cables last fetched before this timestamp are due for revalidation.
    var revalidationCutoff: String
    /// `poll.revalidate` is 0s: every archived cable is revalidated on a new build instead.
    var revalidateEveryBuild: Bool
}

/// The home check: reads the home page (conditionally when the last cycle finished), decides whether there is
/// anything to do, and records the counter it shows.
extension SyncCycle {
    /// Fetches the home page and decides. Conditional only when the last cycle finished, since a 304 carries no body
    /// to resume from.
    mutating func checkHome(at cycleStart: Date, lastCycleComplete: Bool) async throws(SyncError) -> HomeVisit {
        guard let homeURL = engine.policy.resolve(options.homePath) else {
            throw SyncError(.offOrigin, url: options.homePath)
        }
        // The home page the last cycle read to the end kept: its validators are sent only when that cycle
        // completed, its hash tells a new build either way.
        let kept = try await storeCall(await store.fetchCacheEntry(url: homeURL))
        let cached = lastCycleComplete ? kept : nil
        let home = try await fetch(FetchRequest(url: homeURL, etag: cached?.etag, lastModified: cached?.lastModified))
        let homeHash = home.notModified ? cached?.bodySHA256 : ContentHasher.sha256Hex(home.body)
        let revalidateEveryBuild = options.revalidate == .zero
        let cutoff = Timestamp.string(from: cycleStart.addingTimeInterval(-options.revalidate.timeInterval))
        let anyDue = try await storeCall(await store.anyDueForRevalidation(fetchedBefore: cutoff))
        let decision = HomeCheck.decide(
            notModified: home.notModified, sameBody: homeHash != nil && homeHash == kept?.bodySHA256,
            lastCycleComplete: lastCycleComplete, revalidationDue: !revalidateEveryBuild && anyDue,
            revalidateEveryBuild: revalidateEveryBuild)
        let cache = FetchCacheEntry(
            url: homeURL, etag: home.etag ?? cached?.etag, lastModified: home.lastModified ?? cached?.lastModified,
            bodySHA256: homeHash)
        return HomeVisit(
            url: homeURL, response: home, bodySHA256: homeHash, cache: cache, decision: decision,
            revalidationCutoff: cutoff, revalidateEveryBuild: revalidateEveryBuild)
    }

    /// Parses the counter and the sidebar's release days, and takes the counter as this cycle's.
    mutating func readCounterAndReleaseDays(_ home: HomeVisit) throws(SyncError) -> [ReleaseDay] {
        let parsed: ParsedPage
        do {
            parsed = try PageParser.parse(home.response.body)
        } catch {
            throw SyncError(.parse(error), url: home.url)
        }
        guard let homeCounter = parsed.counter else { throw SyncError(.missingCounter, url: home.url) }
        // A counter with no release day is markup this parser does not know, never an empty site: acting on it
        // would walk nothing and conclude nothing is released.
        guard !parsed.releaseDays.isEmpty else {
            throw SyncError(
                .unrecognisedMarkup(
                    "the home page says \(homeCounter.released) / \(homeCounter.total) released but its sidebar links "
                        + "no release day ('Browse latest releases' missing, or in a form this version does not read)"),
                url: home.url)
        }
        counter = homeCounter
        return parsed.releaseDays
    }

    /// Records a changed counter (and an anomaly when it went down); marks the cycle as in progress.
    mutating func recordCounter() async throws(SyncError) {
        let previous = try await storeCall(await store.latestCounter())
        try await commit(CycleBookkeeping.counterObserved(counter, previous: previous))
    }
}
