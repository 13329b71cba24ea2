import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The HTTP/1.1 server of the simulated site: POSIX sockets on 127.0.0.1, one thread per connection,
/// keep-alive, conditional GET, gzip, fault injection and `/_sim/` control endpoints. Thread-safe.
public final class SimServer: Sendable {
    public let site: SimSite
    public let host: String
    /// The bound port (the ephemeral one when created with port 0).
    public let port: Int
    let listenSocket: Int32
    let faults = Mutex<[SimFault]>([])
    let stats = Mutex(SimRequestStats())
    let connections = Mutex<Set<Int32>>([])
    let running = Mutex(false)
    let faultRandom: Mutex<SimRandom>
    /// Idle keep-alive connections are closed after this many seconds.
    let idleTimeoutSeconds: Int

    /// Binds `host:port` (port 0: an ephemeral port, read back from `port`); call `start()` to accept.
    public init(site: SimSite, port: Int = 0, host: String = "127.0.0.1", idleTimeoutSeconds: Int = 15)
        throws(CablegateSimError)
    {
        self.site = site
        self.host = host
        self.idleTimeoutSeconds = idleTimeoutSeconds
        faultRandom = Mutex(SimRandom(seed: site.configuration.seed, .fault, 0))
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw .socketFailed(operation: "socket", errno: errno) }
        var reuse: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(socketFD)
            throw .bindFailed(host: host, port: port, errno: EINVAL)
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            close(socketFD)
            throw .bindFailed(host: host, port: port, errno: code)
        }
        guard listen(socketFD, 128) == 0 else {
            let code = errno
            close(socketFD)
            throw .socketFailed(operation: "listen", errno: code)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        listenSocket = socketFD
    }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://\(host):\(port)" }

    /// Starts the accept thread (idempotent).
    public func start() {
        let alreadyRunning = running.withLock { state in
            defer { state = true }
            return state
        }
        guard !alreadyRunning else { return }
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "cablegate-sim accept"
        thread.start()
    }

    /// Stops accepting, closes the listening socket and shuts down open connections.
    public func stop() {
        let wasRunning = running.withLock { state in
            defer { state = false }
            return state
        }
        guard wasRunning else { return }
        shutdown(listenSocket, Int32(SHUT_RDWR))
        close(listenSocket)
        connections.withLock { open in
            for connection in open { shutdown(connection, Int32(SHUT_RDWR)) }
        }
    }

    /// Moves the site to its next build; nil at the last build.
    @discardableResult
    public func advance() -> SimBuildReport? { site.advance() }

    public func addFault(_ fault: SimFault) { faults.withLock { $0.append(fault) } }
    public func clearFaults() { faults.withLock { $0.removeAll() } }
    public var activeFaults: [SimFault] { faults.withLock { $0 } }
    public var statistics: SimRequestStats { stats.withLock { $0 } }
    public func resetStatistics() { stats.withLock { $0 = SimRequestStats() } }

    private func acceptLoop() {
        while running.withLock({ $0 }) {
            let client = accept(listenSocket, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            var timeout = timeval(tv_sec: idleTimeoutSeconds, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var noDelay: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            let accepted = connections.withLock { open -> Bool in
                guard running.withLock({ $0 }) else { return false }
                open.insert(client)
                return true
            }
            guard accepted else {
                close(client)
                return
            }
            let thread = Thread { [self] in
                var connection = HTTPConnection(server: self, socket: client)
                connection.run()
                connections.withLock { open in
                    open.remove(client)
                    close(client)
                }
            }
            thread.name = "cablegate-sim connection"
            thread.start()
        }
    }

    /// Takes every matching `rewrite` for `path`, in the order they were added, consuming one application of each:
    /// rewrites compose, so one page can be altered in several places.
    func takeRewrites(for path: String) -> [SimFault] {
        faults.withLock { list in
            var taken: [SimFault] = []
            for position in list.indices where list[position].kind == .rewrite && list[position].matches(path) {
                taken.append(list[position])
                if let remaining = list[position].count { list[position].count = remaining - 1 }
            }
            return taken
        }
    }

    /// Takes the first matching fault for `path` other than a rewrite, consuming one of its applications.
    func takeFault(for path: String) -> SimFault? {
        faults.withLock { list in
            guard let position = list.firstIndex(where: { $0.kind != .rewrite && $0.matches(path) }) else {
                return nil
            }
            let fault = list[position]
            if let remaining = fault.count { list[position].count = remaining - 1 }
            return fault
        }
    }

    func record(path: String, status: Int, gzip: Bool, fault: Bool) {
        stats.withLock { stats in
            stats.total += 1
            stats.byPrefix[SimRequestStats.prefix(of: path), default: 0] += 1
            stats.byStatus[String(status), default: 0] += 1
            if status == 304 { stats.notModified += 1 }
            if gzip { stats.gzip += 1 }
            if fault { stats.faultsInjected += 1 }
        }
    }
}
