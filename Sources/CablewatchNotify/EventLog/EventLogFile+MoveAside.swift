import CablewatchCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension EventLogFile {
    /// Renames the log at `path` to `path.diverged-STAMP` (`STAMP` like `20110428T100003Z`; `-2`, `-3`… added when
    /// the name is taken) and returns the new path. The file is kept, never deleted: it may be the only copy of the
    /// events it holds.
    public static func moveAside(path: String, at date: Date) throws(EventLogError) -> String {
        let stamp = String(Timestamp.string(from: date).prefix(19)).filter { $0 != "-" && $0 != ":" } + "Z"
        var target = "\(path).diverged-\(stamp)"
        var attempt = 1
        while FileManager.default.fileExists(atPath: target) {
            attempt += 1
            target = "\(path).diverged-\(stamp)-\(attempt)"
        }
        guard rename(path, target) == 0 else { throw EventLogError(path: path, operation: "rename", errno: errno) }
        return target
    }
}
