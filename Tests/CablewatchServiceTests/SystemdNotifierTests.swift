import Foundation
import Testing

@testable import CablewatchService

/// The notify protocol writer against sockets the test owns.
@Suite struct SystemdNotifierTests {
    /// A datagram socket bound to a fresh abstract name, and that name.
    static func abstractReceiver() throws -> (descriptor: Int32, name: String) {
        let name = "cablewatch-test-\(UUID().uuidString.prefix(8))"
        let receiver = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = [UInt8(0)] + Array(name.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(receiver, $0, length) }
        }
        guard bound == 0 else {
            close(receiver)
            throw HarnessError("bind abstract socket: errno \(errno)")
        }
        return (receiver, name)
    }

    /// The datagrams waiting on `receiver`, oldest first, without waiting for more.
    static func queued(on receiver: Int32) -> [String] {
        var received: [String] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(receiver, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            guard count > 0 else { return received }
            received.append(String(decoding: buffer[0..<count], as: UTF8.self))
        }
    }

    @Test func eachMessageIsOneDatagramOnAnAbstractSocket() throws {
        let (receiver, name) = try Self.abstractReceiver()
        defer { close(receiver) }
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "@" + name])
        #expect(notifier.isEnabled)
        #expect(notifier.send("READY=1\nSTATUS=first poll starting"))
        #expect(notifier.send("STOPPING=1"))
        #expect(Self.queued(on: receiver) == ["READY=1\nSTATUS=first poll starting", "STOPPING=1"])
    }

    /// A supervisor that reads nothing: once its queue is full a send says so and returns, where a blocking one would
    /// hold its thread until the supervisor reads. Every message it accepted is there, in order.
    @Test(.timeLimit(.minutes(1))) func aFullQueueRefusesTheMessageInsteadOfWaiting() throws {
        let (receiver, name) = try Self.abstractReceiver()
        defer { close(receiver) }
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "@" + name])
        var accepted: [String] = []
        while accepted.count < 100_000, notifier.send("STATUS=message \(accepted.count)") {
            accepted.append("STATUS=message \(accepted.count)")
        }
        #expect(accepted.count < 100_000, "the queue never filled")
        #expect(!accepted.isEmpty)
        #expect(Self.queued(on: receiver) == accepted)
        #expect(notifier.send("STOPPING=1"), "a read queue takes messages again")
    }

    @Test func withoutNotifySocketNothingIsSentAndTheWatchdogFollowsWatchdogPID() {
        let off = SystemdNotifier(environment: [:])
        #expect(!off.isEnabled)
        #expect(!off.send("READY=1"))
        #expect(off.watchdogInterval == nil)
        let mine = SystemdNotifier(environment: ["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "\(getpid())"])
        #expect(mine.watchdogInterval == .seconds(30), "half of WATCHDOG_USEC")
        let other = SystemdNotifier(environment: ["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "1"])
        #expect(other.watchdogInterval == nil, "another process's watchdog")
    }
}
