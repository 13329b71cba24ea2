import ArgumentParser
import CablewatchStore

/// `cablewatch history REFID`: every revision of a cable.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List every stored revision of a cable.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Reference ID.") var referenceId: String
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await Output.run {
            let store = try await global.openArchiveReadOnly()
            let revisions = try await store.history(referenceId: referenceId)
            guard !revisions.isEmpty else { throw CommandFailure("\(referenceId) is not in the archive") }
            if json {
                try Output.json(revisions)
                return
            }
            for revision in revisions {
                print(
                    "r\(revision.number)  fetched \(revision.fetchedAt)  released \(revision.released ?? "-")  "
                        + "\(revision.contentSHA256)")
            }
        }
    }
}
