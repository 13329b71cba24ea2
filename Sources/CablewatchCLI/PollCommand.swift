import ArgumentParser
import CablewatchService
import Foundation
import Logging

/// `cablewatch poll`: one sync cycle, then the event log is brought up to date; exits non-zero on failure, 75 at once
/// when another `run` or `poll` writes the archive.
struct PollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll", abstract: "Run one poll cycle against the source, then exit.",
        discussion: """
            Only one `run` or `poll` writes an archive at a time (a lock on ARCHIVE.lock holds its pid): \
            another one exits at once with status 75.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Draw a progress bar on a terminal.") var progress = false
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        try await Output.run { try await execute() }
    }

    private func execute() async throws {
        let configuration = try global.loadConfigurationWithSecrets()
        let bar = progress && isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
        var onProgress: (@Sendable (SyncProgress) -> Void)?
        if let bar {
            onProgress = { progress in bar.update(progress) }
        }
        let result: Result<SyncReport, SyncError>
        do {
            result = try await OneShotPoll.run(
                configuration: configuration, configPath: global.configPath,
                environment: ProcessInfo.processInfo.environment, logger: Logger(label: "cablewatch"),
                progress: onProgress)
        } catch let error as ArchiveWriterLockError {
            throw error.commandFailure
        } catch {
            throw CommandFailure("\(error)")
        }
        bar?.finish()
        switch result {
        case .success(let report):
            if json {
                try Output.json(PollSummary(report))
            } else {
                let counter = report.counter.map { "\($0.released)/\($0.total) released" } ?? "no counter"
                print(
                    "poll \(report.outcome.rawValue): \(counter), \(report.requests) requests, "
                        + "\(report.cablesFetched) cables fetched, \(report.events.count) events"
                        + (report.quarantined > 0
                            ? ", \(report.quarantined) in quarantine (cablewatch status lists them)" : ""))
            }
        case .failure(let error):
            throw CommandFailure("poll failed: \(error)")
        }
    }
}

/// The JSON form of a poll's result.
struct PollSummary: Encodable {
    var outcome: String
    var released: Int?
    var total: Int?
    var requests: Int
    var cablesFetched: Int
    var events: Int
    var lastSeq: Int64?
    /// Pages in quarantine when the poll ended.
    var quarantined: Int

    init(_ report: SyncReport) {
        quarantined = report.quarantined
        outcome = report.outcome.rawValue
        released = report.counter?.released
        total = report.counter?.total
        requests = report.requests
        cablesFetched = report.cablesFetched
        events = report.events.count
        lastSeq = report.events.last?.seq
    }
}
