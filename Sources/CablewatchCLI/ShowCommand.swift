import ArgumentParser
import CablewatchStore

/// `cablewatch show REFID`: one cable, its metadata and text.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one archived cable.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Reference ID, e.g. 06SEOUL1789.") var referenceId: String
    @Option(help: "Show this revision instead of the current one.") var revision: Int?
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await Output.run {
            let store = try await global.openArchiveReadOnly()
            guard let cable = try await store.detail(referenceId: referenceId, revision: revision) else {
                let which = revision.map { "revision \($0) of " } ?? ""
                throw CommandFailure("\(which)\(referenceId) is not in the archive")
            }
            if json {
                try Output.json(cable)
                return
            }
            print("Reference ID:   \(cable.referenceId)")
            print("Created:        \(cable.created)")
            print("Released:       \(cable.released ?? "-")")
            print("Classification: \(cable.classification)")
            print("Origin:         \(cable.origin)")
            print("Subject:        \(cable.subject)")
            print("Tags:           \(cable.tags.joined(separator: " "))")
            print("Revision:       \(cable.revision) of \(cable.currentRevision)")
            print("contentSHA256:  \(cable.contentSHA256)")
            print("URL:            \(cable.url)")
            if let removed = cable.removedAt { print("Removed:        \(removed)") }
            print("")
            print(cable.header)
            print("")
            print(cable.body)
        }
    }
}
