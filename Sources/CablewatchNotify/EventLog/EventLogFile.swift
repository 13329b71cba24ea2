import CablewatchCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The append-only JSON-lines event log. It is written from the outbox, never directly by the sync: after a crash
/// the events missing from the file are appended again from the database, and none is written twice, because the
/// file itself says which `seq` it ends with.
public actor EventLogFile {
    public let path: String
    private var descriptor: Int32 = -1
    private var lastSeq: Int64?
    private var resumeAfter: Int64

    /// - Parameter resumeAfter: the `seq` already written to earlier (rotated) files, used when the file at `path`
    ///   is missing or empty, so a rotation never makes the log start over from the first event.
    public init(path: String, resumeAfter: Int64 = 0) {
        self.path = path
        self.resumeAfter = resumeAfter
    }

    /// The `seq` of the last complete line in the file (0 for an empty or new file). A torn last line, left by a
    /// crash in the middle of a write, is cut off first.
    public func lastWrittenSeq() throws(EventLogError) -> Int64 {
        if let lastSeq { return lastSeq }
        try open()
        let seq = try Self.repairAndReadLastSeq(descriptor: descriptor, path: path) ?? resumeAfter
        lastSeq = seq
        return seq
    }

    /// Appends the events whose `seq` is past the file's last one, in order, then fsyncs once for the batch.
    /// Returns how many lines were written.
    @discardableResult
    public func append(_ events: [CommittedEvent]) throws(EventLogError) -> Int {
        var last = try lastWrittenSeq()
        var buffer: [UInt8] = []
        var written = 0
        for event in events.sorted(by: { $0.seq < $1.seq }) where event.seq > last {
            buffer.append(contentsOf: Array(event.json.utf8))
            buffer.append(0x0A)
            last = event.seq
            written += 1
        }
        guard written > 0 else { return 0 }
        try writeAll(buffer)
        if fsync(descriptor) != 0 { throw EventLogError(path: path, operation: "fsync", errno: errno) }
        lastSeq = last
        return written
    }

    /// Closes the file so the next append opens it again at `path` (after logrotate moved it away).
    public func reopen() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        if let lastSeq { resumeAfter = lastSeq }
        lastSeq = nil
    }

    private func open() throws(EventLogError) {
        guard descriptor < 0 else { return }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw EventLogError(path: path, operation: "open", errno: errno) }
        descriptor = fd
    }

    private func writeAll(_ bytes: [UInt8]) throws(EventLogError) {
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw EventLogError(path: path, operation: "write", errno: errno)
            }
            offset += result
        }
    }

    /// Reads the file's tail, truncates a torn last line, and returns the last complete line's `seq`.
    static func repairAndReadLastSeq(descriptor: Int32, path: String) throws(EventLogError) -> Int64? {
        let size = lseek(descriptor, 0, SEEK_END)
        guard size > 0 else { return nil }
        let window = min(Int(size), 1 << 20)
        var tail = [UInt8](repeating: 0, count: window)
        let read = tail.withUnsafeMutableBytes {
            pread(descriptor, $0.baseAddress, window, off_t(size) - off_t(window))
        }
        guard read == window else { throw EventLogError(path: path, operation: "read", errno: errno) }
        var end = window
        if tail[window - 1] != 0x0A {
            // A torn line: cut it off so the event is written whole again.
            guard let newline = tail.lastIndex(of: 0x0A) else {
                if ftruncate(descriptor, 0) != 0 {
                    throw EventLogError(path: path, operation: "truncate", errno: errno)
                }
                return nil
            }
            let keep = off_t(size) - off_t(window - newline - 1)
            if ftruncate(descriptor, keep) != 0 { throw EventLogError(path: path, operation: "truncate", errno: errno) }
            end = newline + 1
        }
        let lineEnd = end - 1
        let lineStart = tail[..<lineEnd].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = String(decoding: tail[lineStart..<lineEnd], as: UTF8.self)
        guard let seq = seqOf(line) else {
            throw EventLogError(
                path: path, operation: "read last line", errno: 0, detail: "no \"seq\" in the last line")
        }
        return seq
    }

    /// The `"seq":N` field of an event line.
    static func seqOf(_ line: String) -> Int64? {
        guard let range = line.range(of: "\"seq\":") else { return nil }
        let digits = line[range.upperBound...].prefix { $0.isNumber }
        return Int64(digits)
    }
}

/// An event log file operation failed: which file, which operation, and the system's reason.
public struct EventLogError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var errno: Int32
    public var detail: String?

    public init(path: String, operation: String, errno: Int32, detail: String? = nil) {
        self.path = path
        self.operation = operation
        self.errno = errno
        self.detail = detail
    }

    public var description: String {
        let reason = detail ?? String(cString: strerror(errno))
        return "event log \(path): \(operation) failed: \(reason)"
    }

    /// The disk (or quota) is full: nothing is lost, the outbox keeps the events until there is room.
    public var isDiskFull: Bool { errno == ENOSPC || errno == EDQUOT }
}
