import ArgumentParser
import CablewatchService
import Foundation
import Logging

/// `cablewatch-demo`, which `cablewatch demo` runs: the main job in one command, with no configuration and no
/// network: a simulated source, a throwaway archive and a signature-checking webhook receiver, all in this process
/// (`CablewatchDemo`). Argument parsing and output only.
@main
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cablewatch demo",
        abstract: "Track a simulated source through several releases, with a local webhook receiver; Ctrl-C stops.")

    @Option(help: "Cables in the simulated source.") var cables = 3000
    @Option(help: "Builds (releases) the source publishes, the baseline included.") var builds = 8
    @Option(help: "Seconds between two builds.") var interval = 4.0
    @Option(help: "Port of the simulated source on 127.0.0.1 (0: any free port).") var port = 0
    @Option(help: "Seed of the simulated corpus and release schedule.") var seed: UInt64 = 2010
    @Flag(help: "Stop by itself once the last build is archived and its alerts are delivered.")
    var exitAfterLastBuild = false

    func validate() throws {
        guard interval > 0, interval.isFinite else { throw ValidationError("--interval must be more than 0") }
    }

    func run() async throws {
        var logger = Logger(label: "cablewatch")
        logger.logLevel = .error
        let printer = DemoPrinter(program: Self.programName)
        let demo = CablewatchDemo(
            options: DemoOptions(
                cables: cables, builds: builds, interval: .milliseconds(Int64(interval * 1000)), port: port,
                seed: seed, exitAfterLastBuild: exitAfterLastBuild),
            logger: logger, report: { printer.show($0) })
        let summary: DemoSummary
        do {
            summary = try await demo.run()
        } catch {
            FileHandle.standardError.write(Data("cablewatch: \(error)\n".utf8))
            throw ExitCode(1)
        }
        printer.finish(summary)
    }

    /// How to call `cablewatch` again: as `cablewatch demo` was typed (it hands its own name on), or, when this
    /// executable was run directly, the `cablewatch` beside it; by absolute path unless it was found on the PATH.
    static var programName: String {
        var invoked = CommandLine.arguments.first ?? "cablewatch"
        if invoked.hasSuffix("cablewatch-demo") { invoked.removeLast("-demo".count) }
        guard invoked.contains("/") else { return invoked }
        return URL(fileURLWithPath: invoked).standardizedFileURL.path
    }
}
