import ArgumentParser
import CablewatchStore

/// `cablewatch events`: the event stream from the archive's outbox, optionally following new ones.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "Print events (JSON lines) from the archive, optionally following.",
        discussion: """
            Every line is written out as soon as it is read, also into a pipe (`events --follow | jq`). With \
            --follow, SIGTERM or SIGINT ends it after the line being written, with exit status 0.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only events after this seq.") var since: Int64 = 0
    @Flag(help: "Keep waiting for new events.") var follow = false
    @Flag(help: "Print the events as JSON lines (the default; kept for symmetry).") var json = false

    func run() async throws {
        try await Output.run {
            let store = try await global.openArchiveReadOnly()
            if follow { StopSignal.install() }
            var last = since
            while !StopSignal.isRaised {
                let batch = try await store.events(afterSeq: last, limit: 1_000)
                if !batch.isEmpty {
                    var text = ""
                    for event in batch { text += event.json + "\n" }
                    try StandardOutput.write(text)
                }
                if let newest = batch.last { last = newest.seq }
                if batch.count == 1_000 { continue }
                guard follow else { return }
                try await Task.sleep(for: .milliseconds(500))
            }
        }
    }
}
