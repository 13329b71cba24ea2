#if canImport(Glibc)
    import Glibc
#endif

/// Why the daemon could not start, reload or keep running, with what it concerns.
public struct DaemonError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public enum Kind: Sendable {
        /// A piece needed at start-up could not be built.
        case startup(String)
        /// A reloaded configuration was rejected; the previous one stays in force.
        case reloadRejected(path: String, reason: String)
        /// A loopback listener could not listen; `purpose` says which (`metrics.listen`, the demo's receiver).
        case listen(address: String, errno: Int32, purpose: String)
    }

    public var kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .startup(let what): return "could not start \(what)"
        case .reloadRejected(let path, let reason):
            return "reload of \(path) rejected, old configuration kept: \(reason)"
        case .listen(let address, let code, let purpose) where code == EADDRINUSE:
            return "address already in use: \(address) (\(purpose))"
        case .listen(let address, let code, let purpose):
            return "cannot listen on \(address) (\(purpose)): \(String(cString: strerror(code)))"
        }
    }
}
