import Foundation

/// The Python test server (`test_server.py`: HTTP endpoints plus a SOCKS5 proxy), one process per test.
final class TestServer {
    /// Port of the HTTP server on 127.0.0.1.
    private(set) var httpPort = 0
    /// Port of the SOCKS5 proxy on 127.0.0.1.
    private(set) var socksPort = 0
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffered: [UInt8] = []

    init() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("test_server.py")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let ports = readLine().split(separator: " ").compactMap { Int($0) }
        guard ports.count == 2 else { throw TestServerError.noPorts }
        httpPort = ports[0]
        socksPort = ports[1]
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT`
    var baseURL: String { "http://127.0.0.1:\(httpPort)" }

    /// An absolute URL on the test server.
    func url(_ path: String) -> String { baseURL + path }

    /// What the server has seen so far.
    func stats() throws -> ServerStats {
        input.fileHandleForWriting.write(Data("stats\n".utf8))
        let line = readLine()
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw TestServerError.badStats(line)
        }
        return ServerStats(object)
    }

    /// Ends the server process.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    private func readLine() -> String {
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                return line
            }
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { return "" }
            buffered.append(contentsOf: data)
        }
    }
}

/// Failures of the test server harness itself.
enum TestServerError: Error {
    case noPorts
    case badStats(String)
}

/// The server's observations: connections, concurrency, request arrival times, proxy use.
struct ServerStats {
    var connections: Int
    var maxInFlight: Int
    /// `(path, seconds since server start)` for every GET, in arrival order.
    var arrivals: [(path: String, time: Double)]
    var socksConnections: Int
    var socksTargets: [String]

    init(_ object: [String: Any]) {
        connections = object["connections"] as? Int ?? -1
        maxInFlight = object["max_in_flight"] as? Int ?? -1
        arrivals = (object["arrivals"] as? [[Any]] ?? []).map { ($0.first as? String ?? "", $0.last as? Double ?? -1) }
        socksConnections = object["socks_connections"] as? Int ?? -1
        socksTargets = object["socks_targets"] as? [String] ?? []
    }

    /// Arrival times of GETs to `path`.
    func arrivals(of path: String) -> [Double] {
        arrivals.filter { $0.path == path }.map(\.time)
    }
}
