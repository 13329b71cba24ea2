import Foundation

/// One instance of the Python test server (`test_server.py`: HTTP endpoints plus a SOCKS5 proxy) with its own
/// ports and counters; all instances live in one shared Python process.
final class TestServer {
    /// Port of the HTTP server on 127.0.0.1.
    let httpPort: Int
    /// Port of the SOCKS5 proxy on 127.0.0.1.
    let socksPort: Int
    /// Port on 127.0.0.1 that accepts connections and never answers (a stalled proxy or server).
    let blackholePort: Int
    private let identifier: String

    private init(identifier: String, ports: [Int]) {
        self.identifier = identifier
        self.httpPort = ports[0]
        self.socksPort = ports[1]
        self.blackholePort = ports[2]
    }

    /// Starts a fresh instance (fresh ports, zeroed counters).
    static func start() async throws -> TestServer {
        let reply = await TestServerHost.shared.request("new")
        let fields = reply.split(separator: " ")
        let ports = fields.dropFirst().compactMap { Int($0) }
        guard fields.count == 4, ports.count == 3 else { throw TestServerError.noPorts(reply) }
        return TestServer(identifier: String(fields[0]), ports: ports)
    }

    deinit {
        TestServerHost.shared.send("stop \(identifier)")
    }

    /// `http://127.0.0.1:PORT`
    var baseURL: String { "http://127.0.0.1:\(httpPort)" }

    /// An absolute URL on the test server.
    func url(_ path: String) -> String { baseURL + path }

    /// What this instance has seen so far.
    func stats() async throws -> ServerStats {
        let line = await TestServerHost.shared.request("stats \(identifier)")
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw TestServerError.badStats(line)
        }
        return ServerStats(object)
    }
}

/// The one Python process behind every `TestServer`: commands go to its stdin with a token, replies are routed
/// back to the waiting caller by that token. It exits when the test process closes its stdin (at exit).
/// Mutable state is guarded by `lock`.
final class TestServerHost: @unchecked Sendable {
    static let shared = TestServerHost()

    private let lock = NSLock()
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var pending: [Int: CheckedContinuation<String, Never>] = [:]
    private var buffered: [UInt8] = []
    private var nextToken = 0
    private var isDead = false

    private init() {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("test_server.py")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            self?.receive(handle.availableData)
        }
        do {
            try process.run()
        } catch {
            isDead = true
        }
    }

    /// Sends a command and waits for its reply (without the token); "" when the process is gone.
    func request(_ command: String) async -> String {
        await withCheckedContinuation { continuation in
            lock.lock()
            guard !isDead else {
                lock.unlock()
                continuation.resume(returning: "")
                return
            }
            nextToken += 1
            pending[nextToken] = continuation
            input.fileHandleForWriting.write(Data("\(nextToken) \(command)\n".utf8))
            lock.unlock()
        }
    }

    /// Sends a command whose reply nobody waits for.
    func send(_ command: String) {
        lock.lock()
        defer { lock.unlock() }
        guard !isDead else { return }
        nextToken += 1
        input.fileHandleForWriting.write(Data("\(nextToken) \(command)\n".utf8))
    }

    private func receive(_ data: Data) {
        lock.lock()
        var replies: [(CheckedContinuation<String, Never>, String)] = []
        if data.isEmpty {
            isDead = true
            replies = pending.values.map { ($0, "") }
            pending = [:]
            output.fileHandleForReading.readabilityHandler = nil
        }
        buffered.append(contentsOf: data)
        while let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: buffered[..<newline], as: UTF8.self)
            buffered.removeSubrange(...newline)
            let parts = line.split(separator: " ", maxSplits: 1)
            if let token = parts.first.flatMap({ Int($0) }), let continuation = pending.removeValue(forKey: token) {
                replies.append((continuation, parts.count > 1 ? String(parts[1]) : ""))
            }
        }
        lock.unlock()
        for (continuation, reply) in replies { continuation.resume(returning: reply) }
    }
}

/// Failures of the test server harness itself.
enum TestServerError: Error {
    case noPorts(String)
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
