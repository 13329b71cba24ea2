import ArgumentParser
import CablewatchCore
import CablewatchStore

/// `cablewatch verify`: re-hashes every revision, walks the event chain and checks SQLite's integrity.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Re-hash every revision and check the event chain; non-zero on any mismatch.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await Output.run {
            let store = try global.openArchiveReadOnly()
            let report = try await store.verify { ContentHasher.sha256Hex(Array($0.utf8)) }
            if json {
                try Output.json(report)
            } else {
                for problem in report.problems { print("problem: \(problem)") }
                print(
                    "\(report.revisionsChecked) revisions and \(report.eventsChecked) events checked; "
                        + "integrity_check: \(report.integrity); \(report.isClean ? "clean" : "NOT CLEAN")")
            }
            if !report.isClean { throw ExitCode(1) }
        }
    }
}
