import ArgumentParser
import CablewatchCore
import CablewatchStore
import Foundation

/// `cablewatch status`: one screen on the source, the archive, the last poll and the outbox.
/// Exit code 0 ok, 1 degraded, 2 failing or the daemon not running (the rule: `ServiceHealthVerdict`).
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the source counter, archive size, last poll and pending events.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await Output.run {
            let configuration = try global.loadConfiguration()
            let store: any ArchiveStoring
            do {
                store = try await global.openArchiveReadOnly()
            } catch let failure as CommandFailure {
                // No archive yet, or one that cannot be read: nothing is being tracked, which is failing.
                throw CommandFailure(failure.description, exitCode: 2)
            }
            let status = try await store.status()
            let health = ServiceHealthVerdict(
                hasPolled: status.lastPoll != nil, consecutiveFailures: status.health.consecutiveFailures,
                failuresBeforeAlert: configuration.poll.failuresBeforeAlert, heartbeat: status.daemon, now: Date(),
                failedDeliveries: status.deliveries.failed, problems: status.problems,
                quarantinedPages: status.quarantine.count)
            if json {
                try Output.json(StatusJSON(status: status, health: health.rawValue))
            } else {
                let source =
                    status.source.released.map { "\($0) / \(status.source.total ?? 0) released" } ?? "not polled yet"
                print("source:   \(source)")
                print(
                    "archive:  \(status.archive.cables) cables, \(status.archive.revisions) revisions, "
                        + "\(status.archive.removed) removed")
                if let poll = status.lastPoll {
                    let error = poll.error.map { " — \($0)" } ?? ""
                    print("last poll: \(poll.startedAt) \(poll.outcome)\(error)")
                } else {
                    print("last poll: never")
                }
                print("failures: \(status.health.consecutiveFailures) consecutive")
                for problem in status.problems.lines {
                    print("problem:  \(problem)")
                }
                if status.quarantine.count > 0 {
                    let pages = status.quarantine.count == 1 ? "1 page" : "\(status.quarantine.count) pages"
                    print("quarantine: \(pages) set aside, retried with backoff:")
                    for page in status.quarantine.first {
                        let attempts = page.attempts == 1 ? "1 attempt" : "\(page.attempts) attempts"
                        print("  \(page.url) (\(attempts) since \(page.firstSeenAt)): \(page.reason)")
                    }
                    if status.quarantine.count > status.quarantine.first.count {
                        print("  … and \(status.quarantine.count - status.quarantine.first.count) more")
                    }
                }
                print("events:   last seq \(status.events.lastSeq)")
                let deliveries = status.deliveries
                var line = "webhooks: \(deliveries.pending) pending, \(deliveries.failed) failed"
                if let since = deliveries.oldestPendingSince, let date = Timestamp.date(from: since) {
                    line += ", oldest pending \(Int(Date().timeIntervalSince(date)))s old"
                }
                if !deliveries.disabledEndpoints.isEmpty {
                    line += ", disabled: " + deliveries.disabledEndpoints.joined(separator: ", ")
                }
                print(line)
                print("daemon:   \(DaemonDescription.text(status.daemon, now: Date()))")
                print("leader:   \(LeaderDescription.text(status.leader))")
                print("health:   \(health.rawValue)")
            }
            if health.exitCode != 0 { throw ExitCode(health.exitCode) }
        }
    }
}

/// The daemon line of `status`.
enum DaemonDescription {
    static func text(_ heartbeat: DaemonHeartbeat?, now: Date) -> String {
        guard let heartbeat else { return "never run on this archive (CLI-only use)" }
        let age = Int(now.timeIntervalSince(heartbeat.heartbeatAt).rounded())
        if let stopped = heartbeat.stoppedAt {
            return "not running (pid \(heartbeat.pid) stopped \(Timestamp.string(from: stopped)))"
        }
        if heartbeat.isAlive(at: now) {
            return "running, pid \(heartbeat.pid), heartbeat \(age)s ago"
        }
        return "not running (pid \(heartbeat.pid) last heartbeat \(age)s ago, limit \(Int(heartbeat.maximumAge))s)"
    }
}

/// The JSON shape of `status --json`.
struct StatusJSON: Encodable {
    var status: ArchiveStatus
    var health: String

    enum CodingKeys: String, CodingKey {
        case source, archive, lastPoll, events, failures, deliveries, health, daemon, problems, quarantine, leader
    }

    /// The daemon record with timestamps as text.
    struct Daemon: Encodable {
        var pid: Int32
        var startedAt: String
        var heartbeatAt: String
        var lastPollAt: String?
        var stoppedAt: String?
        var alive: Bool
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status.source, forKey: .source)
        try container.encode(status.archive, forKey: .archive)
        try container.encodeIfPresent(status.lastPoll, forKey: .lastPoll)
        try container.encode(status.events, forKey: .events)
        try container.encode(status.health, forKey: .failures)
        try container.encode(DeliveriesJSON(status.deliveries), forKey: .deliveries)
        try container.encode(health, forKey: .health)
        try container.encode(ProblemsJSON(status.problems), forKey: .problems)
        try container.encode(status.quarantine, forKey: .quarantine)
        // Always present: null when no daemon has led yet.
        try container.encode(status.leader, forKey: .leader)
        if let daemon = status.daemon {
            try container.encode(
                Daemon(
                    pid: daemon.pid, startedAt: Timestamp.string(from: daemon.startedAt),
                    heartbeatAt: Timestamp.string(from: daemon.heartbeatAt),
                    lastPollAt: daemon.lastPollAt.map(Timestamp.string(from:)),
                    stoppedAt: daemon.stoppedAt.map(Timestamp.string(from:)), alive: daemon.isAlive(at: Date())),
                forKey: .daemon)
        }
    }
}

/// The `deliveries` object of `status --json`: counts plus the oldest pending delivery's age in seconds.
struct DeliveriesJSON: Encodable {
    var pending: Int
    var failed: Int
    var oldestPendingSince: String?
    var oldestPendingAgeSeconds: Int?
    var disabledEndpoints: [String]

    init(_ counts: DeliveryCounts, now: Date = Date()) {
        pending = counts.pending
        failed = counts.failed
        oldestPendingSince = counts.oldestPendingSince
        oldestPendingAgeSeconds = counts.oldestPendingSince.flatMap(Timestamp.date(from:)).map {
            Int(now.timeIntervalSince($0))
        }
        disabledEndpoints = counts.disabledEndpoints
    }
}

/// The `problems` object of `status --json`: what is wrong with the source beyond a failed poll, timestamps as text.
struct ProblemsJSON: Encodable {
    /// A page of markup the parser does not know.
    struct UnrecognisedMarkup: Encodable {
        var url: String
        var detail: String
        var since: String
    }
    /// The counter above what a complete enumeration of the listings found.
    struct CountAboveListings: Encodable {
        var counter: Int
        var listed: Int
        var since: String
    }

    var unrecognisedMarkup: UnrecognisedMarkup?
    var countAboveListings: CountAboveListings?

    init(_ problems: SourceProblems) {
        unrecognisedMarkup = problems.unrecognisedMarkup.map {
            UnrecognisedMarkup(url: $0.url, detail: $0.detail, since: Timestamp.string(from: $0.since))
        }
        countAboveListings = problems.countAboveListings.map {
            CountAboveListings(counter: $0.counter, listed: $0.listed, since: Timestamp.string(from: $0.since))
        }
    }
}
