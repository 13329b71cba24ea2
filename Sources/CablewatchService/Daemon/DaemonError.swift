/// Why the daemon could not start, reload or keep running, with what it concerns.
public struct DaemonError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public enum Kind: Sendable {
        /// A piece needed at start-up could not be built.
        case startup(String)
        /// A reloaded configuration was rejected; the previous one stays in force.
        case reloadRejected(path: String, reason: String)
        /// The metrics endpoint could not listen.
        case metricsListen(address: String, errno: Int32)
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
        case .metricsListen(let address, let code):
            return "metrics endpoint cannot listen on \(address): errno \(code)"
        }
    }
}
