import CablewatchCore
import CablewatchStore
import Foundation
import Logging

/// One poll cycle: makes the archive an exact mirror of what the source has released, and records every change as
/// an event in the same transaction as the change. Resumable at any point: each listing page's cables are committed
/// together with the walk's checkpoint, so an interrupted backfill continues where it stopped.
public struct SyncEngine: Sendable {
    let store: any ArchiveStoring
    let fetcher: any PageFetching
    let options: SyncOptions
    let policy: OriginPolicy
    let now: @Sendable () -> Date
    let logger: Logger

    public init(
        store: any ArchiveStoring, fetcher: any PageFetching, options: SyncOptions, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(SyncError) {
        guard let policy = OriginPolicy(baseURL: options.sourceURL) else {
            throw SyncError(.invalidSourceURL, url: options.sourceURL)
        }
        self.store = store
        self.fetcher = fetcher
        self.options = options
        self.policy = policy
        self.now = now
        self.logger = logger
    }

    /// Runs one cycle. Throws when the source could not be read completely; everything committed before the
    /// failure stays (it is consistent), and the next cycle resumes.
    public func runCycle(progress: (@Sendable (SyncProgress) -> Void)? = nil) async throws(SyncError) -> SyncReport {
        var cycle = SyncCycle(engine: self, progress: progress)
        do {
            var report = try await cycle.run()
            // Search is derived data, indexed in batches behind the commits: a finished cycle leaves it complete.
            let started = ContinuousClock.now
            _ = try await cycle.storeCall(await store.catchUpSearchIndex())
            report.searchIndexing = ContinuousClock.now - started
            return report
        } catch {
            var failure = error
            // What the cycle committed before it failed is searchable too; a shutdown leaves it to the next cycle.
            if !Task.isCancelled {
                do {
                    _ = try await store.catchUpSearchIndex()
                } catch {
                    logger.warning(
                        "could not index the text committed before the cycle failed", metadata: ["error": "\(error)"])
                }
            }
            if let detail = error.unrecognisedMarkup {
                do {
                    try await cycle.recordUnrecognisedMarkup(detail, url: error.url ?? options.sourceURL)
                } catch {
                    logger.error("could not record the unrecognised markup", metadata: ["error": "\(error)"])
                }
            }
            failure.requests = cycle.requests
            failure.cablesFetched = cycle.cablesFetched
            throw failure
        }
    }
}
