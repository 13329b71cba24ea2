#if canImport(Glibc)
    import Glibc
#endif

/// The last complete line of an event log file and its `seq`, read without changing the file (`verify` and the
/// start-up check read it; a torn last line is left for `EventLogFile` to repair).
public struct EventLogTail: Sendable, Equatable {
    public var seq: Int64
    /// The line without its newline: the event's JSON exactly as the archive stores it.
    public var line: String

    public init(seq: Int64, line: String) {
        self.seq = seq
        self.line = line
    }

    /// Reads the tail of the file at `path`; nil when the file is missing or holds no complete line.
    public static func read(path: String) throws(EventLogError) -> EventLogTail? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw EventLogError(path: path, operation: "open", errno: errno)
        }
        defer { close(fd) }
        let size = lseek(fd, 0, SEEK_END)
        guard size > 0 else { return nil }
        let window = min(Int(size), 1 << 20)
        var tail = [UInt8](repeating: 0, count: window)
        let count = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, window, off_t(size) - off_t(window)) }
        guard count == window else { throw EventLogError(path: path, operation: "read", errno: errno) }
        guard let lineEnd = tail.lastIndex(of: 0x0A) else { return nil }
        let lineStart = tail[..<lineEnd].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = String(decoding: tail[lineStart..<lineEnd], as: UTF8.self)
        guard let seq = EventLogFile.seqOf(line) else {
            throw EventLogError(
                path: path, operation: "read last line", errno: 0, detail: "no \"seq\" in the last line")
        }
        return EventLogTail(seq: seq, line: line)
    }
}
