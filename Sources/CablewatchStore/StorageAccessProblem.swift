import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Why the operating system refuses the archive's file or its directory: read-only or permission denied, with the
/// path it concerns. SQLite reports these as bare codes (8, 14, 23…) without a reason, so the store asks the
/// system itself when SQLite refuses.
public struct StorageAccessProblem: Sendable, Equatable, CustomStringConvertible {
    /// What the system said.
    public enum Reason: Sendable, Equatable {
        /// The file system is mounted read-only (EROFS).
        case readOnlyFileSystem
        /// The file or directory is marked immutable (EPERM from `access`).
        case immutable
        /// The permission bits or ownership forbid it (EACCES).
        case permissionDenied(uid: UInt32)
    }

    /// The file or directory refused.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// Maps an `errno` from an open, create or write of `path`; nil for errors that are not about access.
    public init?(path: String, errno code: Int32) {
        switch code {
        case EROFS: self.init(path: path, reason: .readOnlyFileSystem)
        case EPERM: self.init(path: path, reason: .immutable)
        case EACCES: self.init(path: path, reason: .permissionDenied(uid: geteuid()))
        default: return nil
        }
    }

    public var description: String {
        switch reason {
        case .readOnlyFileSystem: "\(path) is read-only (read-only file system)"
        case .immutable: "\(path) is read-only (marked immutable: see lsattr)"
        case .permissionDenied(let uid): "permission denied on \(path) (for uid \(uid))"
        }
    }

    /// Asks the system whether the archive at `archivePath` can be used: the file (read, and write when
    /// `writing`), its `-wal` and `-shm` files, and its directory, where SQLite creates them. Returns the first
    /// refusal found, nil when everything is allowed (the failure then has another cause).
    public static func diagnose(archivePath: String, writing: Bool) -> StorageAccessProblem? {
        guard !archivePath.isEmpty else { return nil }
        // A directory still to be created is created in its nearest existing ancestor.
        var directory = Self.directory(of: archivePath)
        while !FileManager.default.fileExists(atPath: directory), directory != "/", directory != "." {
            directory = Self.directory(of: directory)
        }
        var candidates: [(path: String, mode: Int32)] = [(directory, X_OK)]
        if FileManager.default.fileExists(atPath: archivePath) {
            candidates.append((archivePath, writing ? R_OK | W_OK : R_OK))
            for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: archivePath + suffix) {
                candidates.append((archivePath + suffix, R_OK | W_OK))
            }
        }
        // A reader, too, creates the `-shm` file when it is missing.
        if writing || !FileManager.default.fileExists(atPath: archivePath + "-shm") {
            candidates.append((directory, W_OK))
        }
        for (path, mode) in candidates where access(path, mode) != 0 {
            if let problem = StorageAccessProblem(path: path, errno: errno) { return problem }
        }
        return nil
    }

    /// The directory holding `path` (`.` for a bare file name).
    static func directory(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }
}
