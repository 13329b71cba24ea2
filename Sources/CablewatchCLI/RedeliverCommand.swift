import ArgumentParser
import CablewatchCore
import CablewatchService
import CablewatchStore
import Foundation
import Logging

/// `cablewatch redeliver EVENT_ID` / `cablewatch redeliver --failed [--since TIME]`: put deliveries back in the queue
/// (with a fresh schedule; their endpoints are re-enabled). The daemon or the next `poll` sends them.
struct RedeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redeliver", abstract: "Queue an event, or every failed delivery, for delivery again.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The id of the event to deliver again (evt_…).") var eventId: String?
    @Flag(help: "Requeue every failed delivery.") var failed = false
    @Option(help: "With --failed: only those that failed at or after TIME (2011-04-28 or 2011-04-28T10:00:00Z).")
    var since: String?
    @Option(help: "Only deliveries to this webhook (its name).") var endpoint: String?

    func validate() throws {
        guard (eventId != nil) != failed else {
            throw ValidationError("give either an EVENT_ID or --failed")
        }
        if since != nil && !failed { throw ValidationError("--since goes with --failed") }
        if let since, !DateArgument.isDayOrTime(since) {
            throw ValidationError("--since \(since): expected 2011-04-28 or 2011-04-28T10:00:00Z")
        }
    }

    func run() async throws {
        try await Output.run {
            let configuration = try global.loadConfiguration()
            let store: any ArchiveStoring
            do {
                store = CommandArchives.keep(
                    try await configuration.storage.openArchive(
                        mode: .readWrite, configPath: global.configPath,
                        environment: ProcessInfo.processInfo.environment, logger: Logger(label: "cablewatch")))
            } catch {
                throw CommandFailure("\(error)")
            }
            let count: Int
            if let eventId {
                count = try await store.requeueDeliveries(eventId: eventId, endpoint: endpoint, at: Date())
                if count == 0 { throw CommandFailure("event \(eventId) was never routed to a webhook") }
            } else {
                var sinceDate: Date?
                if let since {
                    guard let date = Self.parseTime(since) else {
                        throw CommandFailure("--since \(since): expected 2011-04-28 or 2011-04-28T10:00:00Z")
                    }
                    sinceDate = date
                }
                count = try await store.requeueFailedDeliveries(since: sinceDate, endpoint: endpoint, at: Date())
            }
            print("\(count) deliveries queued")
        }
    }

    static func parseTime(_ text: String) -> Date? {
        if let date = Timestamp.date(from: text) { return date }
        return Timestamp.date(from: text + "T00:00:00Z")
    }
}
