import ArgumentParser
import CablewatchStore

/// `cablewatch list`: archived cables, newest release first, with filters.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List archived cables.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only cables released on or after this date (YYYY-MM-DD).") var since: String?
    @Option(help: "Only this origin, e.g. \"Embassy Seoul\".") var origin: String?
    @Option(help: "Only this classification, e.g. SECRET.") var classification: String?
    @Option(help: "Only cables with this tag, e.g. PREL.") var tag: String?
    @Option(help: "At most this many cables.") var limit = 50
    @Flag(help: "Include removed cables.") var includeRemoved = false
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        try DateArgument.requireDay(since, option: "--since")
    }

    func run() async throws {
        try await Output.run {
            let store = try await global.openArchiveReadOnly()
            let cables = try await store.list(
                ArchiveStore.ListFilter(
                    since: since, origin: origin, classification: classification, tag: tag,
                    includeRemoved: includeRemoved, limit: limit))
            if json {
                try Output.json(cables)
                return
            }
            for cable in cables {
                let removed = cable.removedAt == nil ? "" : " (removed)"
                print(
                    "\(Output.pad(cable.referenceId, 22)) \(Output.pad(cable.released ?? "-", 16)) "
                        + "\(Output.pad(cable.classification, 22)) \(Output.pad(cable.origin, 24)) \(cable.subject)\(removed)"
                )
            }
        }
    }
}
