import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Whether SIGTERM or SIGINT has asked a following command to stop, set by an async-signal-safe handler.
let stopRequested = Atomic<Bool>(false)

/// SIGTERM/SIGINT for `events --follow`: instead of dying wherever it is, the command finishes the line it is
/// writing and exits 0, so a reader down the pipe never gets half a line.
enum StopSignal {
    /// Installs the handler for SIGTERM and SIGINT.
    static func install() {
        signal(SIGTERM) { _ in stopRequested.store(true, ordering: .relaxed) }
        signal(SIGINT) { _ in stopRequested.store(true, ordering: .relaxed) }
    }

    /// Whether a stop was asked for.
    static var isRaised: Bool { stopRequested.load(ordering: .relaxed) }
}
