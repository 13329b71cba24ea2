import Foundation
import Testing

@testable import CablewatchService

/// The notify protocol writer against sockets the test owns.
@Suite struct SystemdNotifierTests {
    @Test func eachMessageIsOneDatagramOnAnAbstractSocket() throws {
        let name = "cablewatch-test-\(UUID().uuidString.prefix(8))"
        let receiver = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(receiver) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = [UInt8(0)] + Array(name.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(receiver, $0, length) }
        }
        try #require(bound == 0, "bind abstract socket: errno \(errno)")

        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "@" + name])
        #expect(notifier.isEnabled)
        #expect(notifier.send("READY=1\nSTATUS=first poll starting"))
        #expect(notifier.send("STOPPING=1"))
        var received: [String] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        for _ in 0..<2 {
            let count = buffer.withUnsafeMutableBytes { recv(receiver, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 { received.append(String(decoding: buffer[0..<count], as: UTF8.self)) }
        }
        #expect(received == ["READY=1\nSTATUS=first poll starting", "STOPPING=1"])
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
