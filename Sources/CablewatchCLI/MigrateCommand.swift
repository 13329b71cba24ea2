import ArgumentParser
import CablewatchService
import Foundation
import Logging

/// `cablewatch migrate --from SQLITE_PATH`: copies an SQLite archive into the empty PostgreSQL database that
/// `storage.url` names, in one transaction.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy an SQLite archive into the empty PostgreSQL database of storage.url.",
        discussion: """
            Stop the daemons first: the copy holds the SQLite lock file and the PostgreSQL leadership. Events keep \
            their seq, id and hashes, and deliveries their state, so `cablewatch verify` passes on both archives and \
            their exports are equal.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "The SQLite archive to copy.") var from: String
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await Output.run {
            let configuration = try global.loadConfiguration()
            let report: ArchiveMigration.Report
            do {
                report = try await ArchiveMigration.run(
                    from: from, storage: configuration.storage, node: configuration.cluster.effectiveNodeName,
                    configPath: global.configPath,
                    environment: ProcessInfo.processInfo.environment, logger: Logger(label: "cablewatch"))
            } catch {
                throw CommandFailure("migrate: \(error)")
            }
            if json {
                try Output.json(report)
            } else {
                let counts = report.rows.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                print("copied \(report.source) into \(report.target): \(counts.joined(separator: ", "))")
            }
        }
    }
}
