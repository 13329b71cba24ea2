/// Lets a host watch the daemon's poll loop without changing it: the progress of the running cycle and the result of
/// each finished one (`cablewatch demo` draws its baseline progress bar and per-poll lines from these). Both are
/// called on the poll loop's task and must return quickly.
public struct PollObserver: Sendable {
    /// Called as the running cycle archives cables.
    public var progress: @Sendable (SyncProgress) -> Void
    /// Called once per finished poll, successful or not.
    public var finished: @Sendable (Result<SyncReport, SyncError>) -> Void

    public init(
        progress: @escaping @Sendable (SyncProgress) -> Void = { _ in },
        finished: @escaping @Sendable (Result<SyncReport, SyncError>) -> Void = { _ in }
    ) {
        self.progress = progress
        self.finished = finished
    }
}
