import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGHUP deliveries not yet handled, counted by an async-signal-safe handler (an atomic add) and taken by the
/// reload service's loop.
let pendingHangups = Atomic<Int>(0)

/// Installs the SIGHUP handler. Call before telling systemd `READY=1`: a process without one dies on
/// `systemctl reload`.
public enum HangupSignal {
    public static func install() {
        signal(SIGHUP) { _ in pendingHangups.add(1, ordering: .relaxed) }
    }

    /// Takes the pending count (0 when none).
    static func take() -> Int {
        pendingHangups.exchange(0, ordering: .relaxed)
    }
}
