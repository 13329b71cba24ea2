import ArgumentParser
import CablewatchCore
import CablewatchService
import CablewatchStore

/// `cablewatch verify`: re-hashes every revision, walks the event chain up to its recorded head, checks that the
/// event log ends with the archive's events, and has the database check its own integrity.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-hash every revision and check the event chain and log; non-zero on any mismatch.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await Output.run {
            let store = try await global.openArchiveReadOnly()
            var report = try await store.verify { ContentHasher.sha256Hex(Array($0.utf8)) }
            if let path = try global.loadConfiguration().events.log {
                do {
                    let consistency = try await EventLogConsistency.check(path: path, store: store)
                    if let problem = consistency.problem(path: path) { report.problems.append(problem) }
                } catch {
                    report.problems.append("\(error)")
                }
            }
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
