import CablewatchCore
import CablewatchStore
import Foundation

/// Revalidation (DESIGN.md §3.1, step 5): archived cables are fetched again, to notice edits the listings do not show.
extension SyncCycle {
    /// Revalidates after a walk: with `revalidate: 0s` every archived cable not fetched this cycle, on a new build
    /// only; otherwise those last fetched before the cutoff.
    mutating func revalidateArchive(home: HomeVisit, newBuild: Bool, cycleStart: Date) async throws(SyncError) {
        if home.revalidateEveryBuild {
            if newBuild { try await revalidate(cutoff: Timestamp.string(from: cycleStart)) }
        } else {
            try await revalidate(cutoff: home.revalidationCutoff)
        }
    }

    /// Re-fetches archived cables last fetched before `cutoff`, in batches.
    mutating func revalidate(cutoff: String) async throws(SyncError) {
        report(phase: "revalidating")
        var exhausted: Set<String> = []
        while true {
            // Cables tried this cycle that failed stay due: ask past them.
            let due = try await storeCall(
                await store.cablesDueForRevalidation(fetchedBefore: cutoff, limit: 50 + exhausted.count))
            let fresh = due.filter { !exhausted.contains($0.referenceId) }
            if fresh.isEmpty { return }
            for cable in fresh { exhausted.insert(cable.referenceId) }
            // A cable whose page is in quarantine waits for its next attempt.
            let targets = fresh.filter { !isHeldBack($0.url) }.map {
                CableTarget(referenceId: $0.referenceId, url: $0.url, listedReleased: $0.listedReleased)
            }
            if targets.isEmpty { continue }
            let states = try await storeCall(await store.cableStates(targets.map(\.referenceId)))
            let fetched = await fetchCables(targets, known: states)
            try await commit(fetched.changes)
            if let failure = fetched.failure { throw failure }
        }
    }
}
