import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The systemd notify protocol, written directly: one datagram per message to `$NOTIFY_SOCKET` over AF_UNIX
/// SOCK_DGRAM (a path, or an abstract socket written with a leading `@`). Without `NOTIFY_SOCKET` every send is a
/// no-op, so the daemon runs the same outside systemd.
public final class SystemdNotifier: Sendable {
    /// The socket address from the environment, `nil` when not under systemd.
    public let socketPath: String?
    /// Half of `WATCHDOG_USEC` (when it applies to this process): how often to send `WATCHDOG=1`.
    public let watchdogInterval: Duration?
    private let descriptor: Int32

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment`.
    public init(environment: [String: String]) {
        let path = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        socketPath = path
        descriptor = path == nil ? -1 : socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var watchdog: Duration?
        if let text = environment["WATCHDOG_USEC"], let micros = Int64(text), micros > 0 {
            let pid = environment["WATCHDOG_PID"].flatMap { Int32($0) }
            if pid == nil || pid == getpid() {
                watchdog = .microseconds(micros / 2)
            }
        }
        watchdogInterval = watchdog
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Whether messages go anywhere.
    public var isEnabled: Bool { descriptor >= 0 }

    /// Sends one message (e.g. `READY=1`, or several `KEY=value` lines) as one datagram. Returns false when it
    /// could not be sent; systemd treats a missing notification itself, so callers only log.
    ///
    /// Never waits: when the supervisor's queue is full (it reads nothing; Linux queues `net.unix.max_dgram_qlen`
    /// datagrams, 10 by default), the message is dropped. A blocking send would stop the thread that reports, and
    /// with it the polls and the shutdown, until the supervisor reads.
    @discardableResult
    public func send(_ message: String) -> Bool {
        guard descriptor >= 0, let socketPath else { return false }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        let abstract = pathBytes.first == UInt8(ascii: "@")
        if abstract { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: pathBytes)
        }
        let length =
            MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path).map {
                $0 + pathBytes.count + (abstract ? 0 : 1)
            }
            ?? MemoryLayout<sockaddr_un>.size
        let payload = Array(message.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                payload.withUnsafeBytes { bytes in
                    sendto(
                        descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT),
                        socketAddress,
                        socklen_t(length))
                }
            }
        }
        return sent == payload.count
    }

    /// `MONOTONIC_USEC=` value for `RELOADING=1`: CLOCK_MONOTONIC in microseconds.
    public static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
