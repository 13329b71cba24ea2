import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The one-writer-per-archive lock: an exclusive `flock` on `ARCHIVE.lock`, beside the archive, holding the pid of
/// the `run` or `poll` that writes. Two writers would each append the same events to the log and each deliver them;
/// read commands never take it. The kernel drops the lock when the process dies, so a crash leaves none behind.
public final class ArchiveWriterLock: Sendable {
    /// The archive the lock guards.
    public let archivePath: String
    /// `ARCHIVE.lock`.
    public let path: String
    /// The open lock file; -1 once released.
    private let descriptor: Mutex<Int32>

    /// Takes the lock for `archivePath` at once, or throws `.held` with the holder's pid when another process has it.
    public init(archivePath: String) throws(ArchiveWriterLockError) {
        self.archivePath = archivePath
        path = archivePath + ".lock"
        let directory = (archivePath as NSString).deletingLastPathComponent
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
            // A writer creates the archive's directory; when it cannot, the open below names what refused.
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            let code = errno
            let refused = FileManager.default.fileExists(atPath: path) || directory.isEmpty ? path : directory
            throw ArchiveWriterLockError(
                archivePath: archivePath, lockPath: path,
                kind: .unavailable(operation: "open", errno: code, path: refused))
        }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            let holder = code == EWOULDBLOCK ? Self.readPid(fd) : nil
            close(fd)
            let kind: ArchiveWriterLockError.Kind =
                code == EWOULDBLOCK ? .held(pid: holder) : .unavailable(operation: "flock", errno: code, path: path)
            throw ArchiveWriterLockError(archivePath: archivePath, lockPath: path, kind: kind)
        }
        let pid = Array("\(getpid())\n".utf8)
        let written = ftruncate(fd, 0) == 0 ? pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } : -1
        guard written == pid.count else {
            let code = errno
            close(fd)
            throw ArchiveWriterLockError(
                archivePath: archivePath, lockPath: path,
                kind: .unavailable(operation: "write", errno: code, path: path))
        }
        descriptor = Mutex(fd)
    }

    deinit { release() }

    /// Lets the next writer in: closing the file drops the `flock`. The file stays, so no writer ever locks a file
    /// that another is about to delete.
    public func release() {
        descriptor.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
    }

    /// The pid the holder wrote, nil while it has not written it yet.
    private static func readPid(_ fd: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: bytes[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
