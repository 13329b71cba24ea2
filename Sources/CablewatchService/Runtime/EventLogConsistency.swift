import CablewatchNotify
import CablewatchStore

/// Whether the event log file agrees with the archive: its last line must be the archive's event of that `seq`.
/// A log that is ahead or different comes from another archive, or from this one before it was restored from an
/// older copy; appending to it would mix two histories.
public enum EventLogConsistency: Sendable, Equatable {
    /// The log's last line is the archive's event of that seq (or the log is empty, or missing).
    case consistent
    /// The log ends at `logSeq`, past the archive's last event.
    case ahead(logSeq: Int64, archiveSeq: Int64)
    /// The log's last line is not the archive's event of that seq.
    case differs(seq: Int64)

    /// Compares the tail of the log at `path` with the archive.
    public static func check(path: String, store: any ArchiveStoring) async throws -> EventLogConsistency {
        guard let tail = try EventLogTail.read(path: path) else { return .consistent }
        let event = try await store.events(afterSeq: tail.seq - 1, limit: 1).first
        guard let event, event.seq == tail.seq else {
            return .ahead(logSeq: tail.seq, archiveSeq: try await store.lastEventSeq())
        }
        return event.json == tail.line ? .consistent : .differs(seq: tail.seq)
    }

    /// What is wrong, in one line naming the file; nil when consistent.
    public func problem(path: String) -> String? {
        switch self {
        case .consistent: nil
        case .ahead(let logSeq, let archiveSeq):
            "event log \(path) ends at event \(logSeq), past the archive's last event \(archiveSeq)"
        case .differs(let seq): "event log \(path): its last line, event \(seq), is not the archive's event \(seq)"
        }
    }
}
