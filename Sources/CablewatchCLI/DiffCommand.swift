import ArgumentParser
import CablewatchCore
import CablewatchStore

/// `cablewatch diff REFID [A B]`: a unified diff between two revisions (default: the last two).
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Show what changed between two revisions of a cable.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Reference ID.") var referenceId: String
    @Argument(help: "Older revision number.") var from: Int?
    @Argument(help: "Newer revision number.") var to: Int?

    func run() async throws {
        try await Output.run {
            let store = try await global.openArchiveReadOnly()
            let history = try await store.history(referenceId: referenceId)
            guard let latest = history.last else { throw CommandFailure("\(referenceId) is not in the archive") }
            let newer = to ?? latest.number
            let older = from ?? max(1, newer - 1)
            guard let a = try await store.detail(referenceId: referenceId, revision: older),
                let b = try await store.detail(referenceId: referenceId, revision: newer)
            else {
                throw CommandFailure("\(referenceId) has revisions 1...\(latest.number)")
            }
            let diff = LineDiff.unified(
                old: a.header + "\n\n" + a.body, new: b.header + "\n\n" + b.body,
                oldLabel: "\(referenceId) r\(older)", newLabel: "\(referenceId) r\(newer)")
            print(diff.isEmpty ? "revisions \(older) and \(newer) have the same text" : diff, terminator: "")
        }
    }
}
