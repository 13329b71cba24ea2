import CablewatchStore

#if canImport(Glibc)
    import Glibc
#endif

/// The archive's writer lock could not be taken: another writer holds it, or the lock file cannot be used.
public struct ArchiveWriterLockError: Error, Sendable, CustomStringConvertible {
    /// Why.
    public enum Kind: Sendable, Equatable {
        /// Another `run` or `poll` writes the archive (its pid, when it has written it yet).
        case held(pid: Int32?)
        /// The lock file could not be opened, locked or written; `path` is what refused (the lock file, or its
        /// directory when the file could not be created).
        case unavailable(operation: String, errno: Int32, path: String)
    }

    public var archivePath: String
    public var lockPath: String
    public var kind: Kind

    public init(archivePath: String, lockPath: String, kind: Kind) {
        self.archivePath = archivePath
        self.lockPath = lockPath
        self.kind = kind
    }

    /// Whether another writer holds the lock (the CLI gives that its own exit code).
    public var isHeld: Bool {
        if case .held = kind { return true }
        return false
    }

    public var description: String {
        switch kind {
        case .held(let pid?): return "another cablewatch (pid \(pid)) is writing \(archivePath)"
        case .held(nil): return "another cablewatch is writing \(archivePath)"
        case .unavailable(let operation, let code, let path):
            if let access = StorageAccessProblem(path: path, errno: code) {
                return "cannot lock the archive \(archivePath) for writing: \(access)"
            }
            return "cannot lock the archive \(archivePath) for writing: \(operation) \(path): "
                + String(cString: strerror(code))
        }
    }
}
