import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `cablewatch demo`: replaces this process with `cablewatch-demo`, installed beside this executable, handing on the
/// arguments. The demo is an executable of its own so that `cablewatch`, the daemon, does not link the simulated
/// source; exec keeps the process, so signals, output and the exit status are the demo's own.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Track a simulated source through several releases, with a local webhook receiver; Ctrl-C stops.",
        discussion: "Runs cablewatch-demo, installed beside cablewatch; `cablewatch demo --help` lists its options.")

    /// The executable `cablewatch demo` runs, beside this one.
    static let executableName = "cablewatch-demo"

    @Argument(parsing: .captureForPassthrough, help: "The demo's options (`cablewatch demo --help` lists them).")
    var arguments: [String] = []

    func run() async throws {
        try await Output.run {
            let demo = try Self.demoExecutable()
            // The demo hands the name it was called by on to the commands it suggests, so it gets this one's.
            let argv = [CommandLine.arguments.first ?? "cablewatch"] + arguments
            var cArguments = argv.map { strdup($0) } + [nil]
            defer { cArguments.forEach { free($0) } }
            fflush(nil)
            execv(demo, &cArguments)
            throw CommandFailure("demo: cannot run \(demo): \(String(cString: strerror(errno)))")
        }
    }

    /// `cablewatch-demo` in the folder of the running executable (symbolic links resolved), or why not.
    static func demoExecutable() throws -> String {
        let running: String
        do {
            running = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        } catch {
            throw CommandFailure("demo: cannot find the running executable in /proc/self/exe: \(error)")
        }
        let demo = URL(fileURLWithPath: running).deletingLastPathComponent().appendingPathComponent(executableName).path
        guard FileManager.default.isExecutableFile(atPath: demo) else {
            throw CommandFailure(
                "demo: \(demo) is missing; `cablewatch demo` runs it "
                    + "(scripts/install.sh installs it beside cablewatch)")
        }
        return demo
    }
}
