import ArgumentParser
import CablewatchFetch
import CablewatchNotify
import CablewatchService
import CablewatchStore
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
        do {
            let configuration = try global.loadConfigurationWithSecrets()
            let logger = Logger(label: "cablewatch")
            let lock: ArchiveWriterLock
            do {
                lock = try ArchiveWriterLock(archivePath: configuration.storage.path)
            } catch {
                throw error.commandFailure
            }
            defer { lock.release() }
            let store: ArchiveStore
            do {
                store = try ArchiveStore(path: configuration.storage.path)
            } catch {
                throw CommandFailure("\(error)")
            }
            let fetcher: CurlFetcher
            do {
                fetcher = try CurlFetcher(configuration: configuration.fetchConfiguration, logger: logger)
            } catch {
                throw CommandFailure("\(error)")
            }
            defer { fetcher.shutdown() }
            var eventLog: EventLogPump?
            if let path = configuration.events.log {
                eventLog = try await EventLogPump.open(path: path, store: store, logger: logger)
            }
            let engine: SyncEngine
            do {
                engine = try SyncEngine(
                    store: store, fetcher: fetcher, options: configuration.syncOptions, logger: logger)
            } catch {
                throw CommandFailure("\(error)")
            }
            let transport: CurlTransport?
            let deliverer: WebhookDeliverer?
            do {
                transport =
                    configuration.webhooks.isEmpty
                    ? nil
                    : try CurlTransport(
                        userAgent: configuration.http.userAgent, proxy: configuration.http.proxy?.absoluteString)
                deliverer = try transport.flatMap { transport throws in
                    try configuration.webhookDeliverer(store: store, transport: transport, logger: logger)
                }
            } catch {
                throw CommandFailure("\(error)")
            }
            defer { transport?.shutdown() }
            let runner = PollRunner(
                store: store, engine: engine, eventLog: eventLog, deliverer: deliverer, logger: logger,
                logsFailedPoll: false)
            let bar = progress && isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
            var onProgress: (@Sendable (SyncProgress) -> Void)?
            if let bar {
                onProgress = { progress in bar.update(progress) }
            }
            let result = await runner.pollOnce(progress: onProgress)
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
