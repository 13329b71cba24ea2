import Foundation

/// The Python test server (`test_server.py`: HTTP endpoints plus a SOCKS5 proxy), one process per test.
/// Nothing here blocks a thread of the Swift concurrency pool: output arrives through an `AsyncStream`.
final class TestServer {
    /// Port of the HTTP server on 127.0.0.1.
    let httpPort: Int
    /// Port of the SOCKS5 proxy on 127.0.0.1.
    let socksPort: Int
    private let process: Process
    private let input: Pipe
    private var lines: LineReader

    private init(process: Process, input: Pipe, lines: LineReader, httpPort: Int, socksPort: Int) {
        self.process = process
        self.input = input
        self.lines = lines
        self.httpPort = httpPort
        self.socksPort = socksPort
    }

    /// Spawns the server and waits for the line with its ports.
    static func start() async throws -> TestServer {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("test_server.py")
        let process = Process()
        let input = Pipe()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        var lines = LineReader(output.fileHandleForReading)
        try process.run()
        let ports = await lines.next().split(separator: " ").compactMap { Int($0) }
        guard ports.count == 2 else { throw TestServerError.noPorts }
        return TestServer(process: process, input: input, lines: lines, httpPort: ports[0], socksPort: ports[1])
    }

    /// End of input makes the server exit; SIGTERM backs that up. (`waitUntilExit()` can hang on Linux.)
    deinit {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
    }

    /// `http://127.0.0.1:PORT`
    var baseURL: String { "http://127.0.0.1:\(httpPort)" }

    /// An absolute URL on the test server.
    func url(_ path: String) -> String { baseURL + path }

    /// What the server has seen so far.
    func stats() async throws -> ServerStats {
        input.fileHandleForWriting.write(Data("stats\n".utf8))
        let line = await lines.next()
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw TestServerError.badStats(line)
        }
        return ServerStats(object)
    }
}

/// Lines from a pipe, delivered by its readability handler.
struct LineReader {
    private var chunks: AsyncStream<Data>.Iterator
    private var buffered: [UInt8] = []

    init(_ handle: FileHandle) {
        let (stream, continuation) = AsyncStream<Data>.makeStream()
        handle.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                continuation.finish()
            } else {
                continuation.yield(data)
            }
        }
        chunks = stream.makeAsyncIterator()
    }

    /// The next line without its newline; "" at end of output.
    mutating func next() async -> String {
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                return line
            }
            guard let data = await chunks.next() else { return "" }
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
