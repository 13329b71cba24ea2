import CablewatchCore
import CablewatchNotify
import CablewatchStore
import Foundation
import Logging

/// Copies committed events from the outbox to the event log file, in `seq` order, catching up whatever a crash or a
/// stop left behind.
public struct EventLogPump: Sendable {
    static let cursorKey = "eventLog.lastSeq"

    let store: any ArchiveStoring
    let log: EventLogFile

    public init(store: any ArchiveStoring, log: EventLogFile) {
        self.store = store
        self.log = log
    }

    /// Opens the log at `path`, resuming after the cursor the archive remembers (for a file rotated while stopped).
    /// A log that does not end with the archive's events (`EventLogConsistency`: ahead of it, or different) is moved
    /// aside to `PATH.diverged-STAMP` with a warning, and written again from the archive's first event. Only a writer
    /// holding `ArchiveWriterLock` opens it.
    public static func open(path: String, store: any ArchiveStoring, logger: Logger, now: Date = Date()) async throws
        -> EventLogPump
    {
        let consistency = try await EventLogConsistency.check(path: path, store: store)
        if let problem = consistency.problem(path: path) {
            let aside = try EventLogFile.moveAside(path: path, at: now)
            logger.warning(
                "event log does not match the archive: moved aside, rewriting it from the archive",
                metadata: ["problem": "\(problem)", "moved_to": "\(aside)"])
            return EventLogPump(store: store, log: EventLogFile(path: path, resumeAfter: 0))
        }
        let cursor = Int64(try await store.syncValues()[cursorKey] ?? "") ?? 0
        return EventLogPump(store: store, log: EventLogFile(path: path, resumeAfter: cursor))
    }

    /// Appends every committed event the file does not hold yet. Returns how many lines were written.
    @discardableResult
    public func catchUp() async throws -> Int {
        var written = 0
        var last = try await log.lastWrittenSeq()
        while true {
            let batch = try await store.events(afterSeq: last, limit: 1_000)
            guard let newest = batch.last else { break }
            written += try await log.append(batch)
            last = newest.seq
        }
        if written > 0 {
            try await store.setSyncValue(String(last), forKey: Self.cursorKey)
        }
        return written
    }

    /// Reopens the file (SIGHUP, logrotate).
    public func reopen() async { await log.reopen() }
}
