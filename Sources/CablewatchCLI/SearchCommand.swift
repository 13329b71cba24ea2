import ArgumentParser
import CablewatchStore

/// `cablewatch search QUERY`: full-text search over subjects and bodies (SQLite FTS5 syntax).
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Full-text search of the archive (FTS5 query syntax).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Query, e.g. 'NATO AND Seoul'.") var query: String
    @Option(help: "At most this many hits.") var limit = 20
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await Output.run {
            let store = try await global.openArchiveReadOnly()
            let hits: [SearchHit]
            do {
                hits = try await store.search(query, limit: limit)
            } catch let error as StoreError {
                if case .invalidQuery = error.kind {
                    throw CommandFailure("search: \(error)", exitCode: ExitStatus.usage)
                }
                throw CommandFailure("search \"\(query)\": \(error)")
            }
            if json {
                try Output.json(hits)
                return
            }
            for hit in hits {
                print("\(Output.pad(hit.referenceId, 22)) \(hit.subject)")
                print("    \(hit.snippet.split(separator: "\n").joined(separator: " "))")
            }
        }
    }
}
