import ArgumentParser
import CablewatchStore

/// `cablewatch deliveries`: webhook delivery records, newest first.
struct DeliveriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries", abstract: "List webhook deliveries (newest first).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only deliveries that used up every attempt.") var failed = false
    @Option(help: "Only deliveries to this webhook (its name).") var endpoint: String?
    @Option(help: "At most this many rows.") var limit = 50
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await Output.run {
            let store = try await global.openArchiveReadOnly()
            let records = try await store.deliveries(failedOnly: failed, endpoint: endpoint, limit: limit)
            if json {
                try Output.json(records)
                return
            }
            if records.isEmpty {
                print(failed ? "no failed deliveries" : "no deliveries")
                return
            }
            for record in records {
                let status = record.lastStatus.map { "HTTP \($0)" } ?? (record.lastError ?? "-")
                let when: String
                switch record.state {
                case "delivered": when = record.deliveredAt ?? ""
                case "failed": when = record.failedAt ?? ""
                default: when = "next " + (record.nextAttemptAt ?? "now")
                }
                print(
                    Output.pad(String(record.seq), 7) + " " + Output.pad(record.eventId, 31) + " "
                        + Output.pad(record.endpoint, 12) + " " + Output.pad(record.state, 10) + " "
                        + Output.pad("\(record.attempts)×", 4) + " " + Output.pad(status, 10) + " " + when)
            }
        }
    }
}
