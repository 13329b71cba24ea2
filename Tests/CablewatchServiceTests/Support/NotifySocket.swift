import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A datagram socket the test owns, standing in for systemd's `NOTIFY_SOCKET`: every datagram the daemon sends is
/// one message, kept in arrival order.
final class NotifySocket {
    let path: String
    private let descriptor: Int32
    private(set) var messages: [String] = []

    init(directory: String) throws {
        path = directory + "/notify.sock"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw HarnessError("socket() failed: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw HarnessError("bind(\(path)) failed: errno \(errno)") }
    }

    deinit { close(descriptor) }

    /// Reads every datagram that arrives within `timeout` milliseconds of waiting.
    func drain(waitingMilliseconds timeout: Int32 = 0) {
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        var wait = timeout
        while poll(&descriptors, 1, wait) > 0 {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            messages.append(String(decoding: buffer[0..<count], as: UTF8.self))
            wait = 0
        }
    }

    /// Waits until a message satisfying `predicate` arrives (after index `from`), or the deadline passes.
    /// Returns its index.
    @discardableResult
    func wait(
        for description: String, from start: Int = 0, seconds: Double = 30, _ predicate: (String) -> Bool
    ) throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let index = messages.indices.dropFirst(start).first(where: { predicate(messages[$0]) }) {
                return index
            }
            guard Date() < deadline else {
                throw HarnessError("no \(description) within \(seconds) s; got \(messages)")
            }
            drain(waitingMilliseconds: 100)
        }
    }

    /// The messages that are not periodic (`WATCHDOG=1`, post-poll `STATUS=`): the lifecycle sequence.
    var lifecycle: [String] {
        messages.filter { $0 != "WATCHDOG=1" && !$0.hasPrefix("STATUS=") }.map { message in
            message.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") ? "RELOADING=1\nMONOTONIC_USEC=…" : message
        }
    }
}
