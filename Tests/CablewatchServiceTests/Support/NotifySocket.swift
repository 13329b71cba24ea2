import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A datagram socket the test owns, standing in for systemd's `NOTIFY_SOCKET`: every datagram the daemon sends is
/// one message, kept in arrival order. Like systemd, it reads each datagram as it arrives, on a thread of its own;
/// `reading: false` makes a supervisor that never reads, whose queue fills after a few messages.
final class NotifySocket: Sendable {
    let path: String
    private let descriptor: Int32
    private let inbox = Inbox()
    private let reading: Bool

    /// What the reading thread shares with the socket; the thread holds this, not the socket, so the socket's
    /// deinit can stop it.
    private final class Inbox: Sendable {
        let received = Mutex<[String]>([])
        let stopping = Mutex(false)
        /// Signalled when the reading thread has ended, so the descriptor outlives it.
        let readerEnded = DispatchSemaphore(value: 0)
    }

    init(directory: String, reading: Bool = true) throws {
        path = directory + "/notify.sock"
        self.reading = reading
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
        guard bound == 0 else {
            close(descriptor)
            throw HarnessError("bind(\(path)) failed: errno \(errno)")
        }
        guard reading else { return }
        let (inbox, socket) = (inbox, descriptor)
        let thread = Thread {
            while !inbox.stopping.withLock({ $0 }) {
                NotifySocket.receive(from: socket, into: inbox, waitingMilliseconds: 100)
            }
            inbox.readerEnded.signal()
        }
        thread.name = "test-notify-socket"
        thread.start()
    }

    deinit {
        if reading {
            inbox.stopping.withLock { $0 = true }
            inbox.readerEnded.wait()
        }
        close(descriptor)
    }

    /// Every message received so far, oldest first.
    var messages: [String] { inbox.received.withLock { $0 } }

    /// Reads every datagram that arrives within `timeout` milliseconds of waiting.
    private static func receive(from descriptor: Int32, into inbox: Inbox, waitingMilliseconds timeout: Int32) {
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        var wait = timeout
        while poll(&descriptors, 1, wait) > 0 {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            let message = String(decoding: buffer[0..<count], as: UTF8.self)
            inbox.received.withLock { $0.append(message) }
            wait = 0
        }
    }

    /// Gives datagrams already sent `timeout` milliseconds to be read.
    func drain(waitingMilliseconds timeout: Int32 = 0) {
        if timeout > 0 { usleep(UInt32(timeout) * 1_000) }
    }

    /// Waits until a message satisfying `predicate` arrives (after index `from`), or the deadline passes.
    /// Returns its index.
    @discardableResult
    func wait(
        for description: String, from start: Int = 0, seconds: Double = 30, _ predicate: (String) -> Bool
    ) throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let messages = self.messages
            if let index = messages.indices.dropFirst(start).first(where: { predicate(messages[$0]) }) {
                return index
            }
            guard Date() < deadline else {
                throw HarnessError("no \(description) within \(seconds) s; got \(messages)")
            }
            drain(waitingMilliseconds: 50)
        }
    }

    /// The messages that are not periodic (`WATCHDOG=1`, post-poll `STATUS=`): the lifecycle sequence.
    var lifecycle: [String] {
        messages.filter { $0 != "WATCHDOG=1" && !$0.hasPrefix("STATUS=") }.map { message in
            message.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") ? "RELOADING=1\nMONOTONIC_USEC=…" : message
        }
    }
}
