import Synchronization

/// Thread-safe running totals behind `CurlFetcher.stats`, updated from the worker threads.
final class FetchCounters: Sendable {
    private let totals = Mutex(FetchStatistics())

    /// A copy of the totals.
    var snapshot: FetchStatistics { totals.withLock { $0 } }

    /// Counts a transfer that got an HTTP response.
    func recordResponse(status: Int, bytesOnWire: Int) {
        totals.withLock {
            $0.requests += 1
            $0.responsesByStatus[status, default: 0] += 1
            $0.bytesOnWire += bytesOnWire
        }
    }

    /// Counts a transfer that ended without an HTTP response.
    func recordFailure(bytesOnWire: Int) {
        totals.withLock {
            $0.requests += 1
            $0.failures += 1
            $0.bytesOnWire += bytesOnWire
        }
    }
}
