import Foundation
import Testing

@testable import CablewatchService

/// The loopback metrics endpoint of the real daemon, checked by Prometheus's own `promtool`.
@Suite(.serialized) struct MetricsEndpointTests {
    @Test func labelValuesAndHelpTextAreEscaped() {
        var writer = PrometheusTextWriter()
        writer.family(
            "x_total", .counter, help: "a\\b\nc", [.init(3, labels: [("path", "a\"b\\c\nd")]), .init(0.25)])
        #expect(
            writer.text
                == "# HELP x_total a\\\\b\\nc\n# TYPE x_total counter\nx_total{path=\"a\\\"b\\\\c\\nd\"} 3\nx_total 0.25\n"
        )
    }

    @Test(.timeLimit(.minutes(2)))
    func metricsPassPromtoolAndHealthEndpointsAnswer() async throws {
        let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let promtool else {
            Issue.record("promtool is missing: install the apt package `prometheus` (it is on .ci/run's apt line)")
            return
        }
        let rig = try await DaemonProcessTests.Rig(
            simulatorArguments: ["--cables", "150", "--seed", "9", "--builds", "2", "--build", "1"])
        let port = try Self.freePort()
        let config = try rig.writeConfiguration(
            poll: "  interval: 500ms\n", extra: "metrics:\n  listen: 127.0.0.1:\(port)\n")
        try rig.start(config: config)
        try rig.notify.wait(for: "first STATUS") { DaemonProcessTests.isPollStatus($0) }
        let base = "http://127.0.0.1:\(port)"
        #expect(String(decoding: try await ProcessHarness.curl(base + "/healthz"), as: UTF8.self) == "ok\n")
        #expect(String(decoding: try await ProcessHarness.curl(base + "/readyz"), as: UTF8.self) == "ready\n")
        let metrics = String(decoding: try await ProcessHarness.curl(base + "/metrics"), as: UTF8.self)
        #expect(metrics.contains("cablewatch_archived_cables 150"), "\(metrics)")
        #expect(metrics.contains("cablewatch_source_released_cables 150"))
        #expect(metrics.contains("cablewatch_http_requests_total{status=\"200\"}"))
        #expect(metrics.contains("cablewatch_events_total{type=\"sync.baseline\"} 1"))
        #expect(metrics.contains("cablewatch_last_successful_poll_timestamp_seconds "))
        // On SQLite the daemon is always the leader.
        #expect(metrics.contains("# TYPE cablewatch_leader gauge\ncablewatch_leader 1\n"), "\(metrics)")

        let file = rig.directory + "/metrics.txt"
        try metrics.write(toFile: file, atomically: true, encoding: .utf8)
        let check = try await ProcessHarness.runProgram("/bin/sh", ["-c", "\(promtool) check metrics < \(file) 2>&1"])
        let output = check.output
        #expect(check.status == 0, "promtool: \(output)")
        #expect(output.isEmpty, "promtool lint findings: \(output)")
        let (status, _) = try await rig.stop()
        #expect(status == 0)
    }

    @Test(.timeLimit(.minutes(2)))
    func aMetricsPortInUseStopsTheDaemonWithTheAddressAndTheKey() async throws {
        let rig = try await DaemonProcessTests.Rig(
            simulatorArguments: ["--cables", "50", "--seed", "9", "--builds", "2", "--build", "1"])
        let (taken, port) = try Self.listeningSocket()
        defer { close(taken) }
        let config = try rig.writeConfiguration(
            poll: "  interval: 500ms\n", extra: "metrics:\n  listen: 127.0.0.1:\(port)\n")
        let run = try await ProcessHarness.run("cablewatch", ["run", "--config", config])
        #expect(run.status == 1)
        #expect(run.output == "cablewatch: address already in use: 127.0.0.1:\(port) (metrics.listen)\n")
    }

    /// A socket listening on an ephemeral port of 127.0.0.1, and that port.
    static func listeningSocket() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 1) == 0 else {
            close(fd)
            throw HarnessError("cannot listen on 127.0.0.1")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A TCP port nobody listens on right now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw HarnessError("no free port") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
