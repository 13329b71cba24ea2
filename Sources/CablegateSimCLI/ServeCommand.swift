import ArgumentParser
import CablegateSim
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGUSR1 deliveries not yet turned into `advance()` calls (incremented by the signal handler, lock-free).
let pendingAdvanceSignals = Atomic<Int>(0)

/// `cablegate-sim serve`: serves the simulated site over HTTP until killed; SIGUSR1 advances one build.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the simulated site on 127.0.0.1.")

    @OptionGroup var site: SiteOptions

    @Option(help: "Port to listen on (0: an ephemeral port).")
    var port: Int = 8080

    @Option(help: "Address to bind.")
    var host: String = "127.0.0.1"

    @Option(help: "Build to start at (default 0).")
    var build: Int = 0

    @Option(name: .customLong("fault"), help: "Inject a fault: KIND[:PATH-PREFIX[:COUNT]]. Repeatable.")
    var faults: [String] = []

    @Option(help: "Delay of the 'slow' fault in milliseconds.")
    var slowMs: Int = 1500

    @Option(help: "Retry-After seconds of the status503/status429 faults.")
    var retryAfter: Int = 1

    func run() async throws {
        var parsedFaults: [SimFault] = []
        for specification in faults {
            do {
                var fault = try SimFault(specification: specification)
                fault.delayMilliseconds = slowMs
                fault.retryAfterSeconds = retryAfter
                parsedFaults.append(fault)
            } catch {
                throw ValidationError(error.description)
            }
        }
        let simSite = SimSite(configuration: site.configuration, build: build)
        let server = try SimServer(site: simSite, port: port, host: host)
        for fault in parsedFaults { server.addFault(fault) }
        server.start()
        print("listening on \(server.baseURL)")
        fflush(nil)

        signal(SIGUSR1) { _ in pendingAdvanceSignals.add(1, ordering: .relaxed) }
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(100))
            for _ in 0..<pendingAdvanceSignals.exchange(0, ordering: .relaxed) {
                if let report = server.advance() {
                    print("advanced to build \(report.build) (\(report.counter.released) / \(report.counter.total))")
                } else {
                    print("already at the last build \(server.site.currentBuild)")
                }
                fflush(nil)
            }
        }
        server.stop()
    }
}
