import Synchronization

/// Passes reloaded configurations on to the poll loop of the current leadership term. `ReloadService` runs for the
/// daemon's whole life and its stream has one reader; each term's poll loop is new, so it gets a stream of its own
/// through this relay, and a configuration reloaded while no term runs is simply in `DaemonState` when one starts.
final class ConfigurationRelay: Sendable {
    private let current = Mutex<AsyncStream<CablewatchConfiguration>.Continuation?>(nil)

    /// A stream for a new term's poll loop, replacing (and ending) the previous term's.
    func attach() -> AsyncStream<CablewatchConfiguration> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: CablewatchConfiguration.self, bufferingPolicy: .bufferingNewest(1))
        current.withLock { $0 }?.finish()
        current.withLock { $0 = continuation }
        return stream
    }

    /// Ends the current term's stream.
    func detach() {
        current.withLock { previous in
            defer { previous = nil }
            return previous
        }?.finish()
    }

    /// Hands a configuration to the current term, if one runs.
    func yield(_ configuration: CablewatchConfiguration) {
        _ = current.withLock { $0 }?.yield(configuration)
    }
}
