import Logging
import Synchronization

/// A `LogHandler` that keeps every message with its level and metadata, for tests that check what was logged.
struct RecordingLogHandler: LogHandler {
    /// One logged message.
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    /// Where a logger's entries go; shared by every copy of the handler.
    final class Entries: Sendable {
        private let entries = Mutex<[Entry]>([])
        var all: [Entry] { entries.withLock { $0 } }
        func append(_ entry: Entry) { entries.withLock { $0.append(entry) } }
    }

    let entries: Entries
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        merged.merge(event.metadata ?? [:]) { _, new in new }
        entries.append(
            Entry(level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
    }

    /// A logger recording into `entries`.
    static func logger(into entries: Entries) -> Logger {
        Logger(label: "test", factory: { _ in RecordingLogHandler(entries: entries) })
    }
}
