import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few file-system reads configuration loading needs, as plain functions that can be swapped in tests.
public enum ConfigurationFileSystem {
    /// Reads a UTF-8 text file.
    public static func readText(atPath path: String) throws(ConfigurationError) -> String {
        do {
            return try String(contentsOf: URL(filePath: path, directoryHint: .notDirectory), encoding: .utf8)
        } catch {
            throw ConfigurationError(
                .unreadableFile(path: path, reason: String(describing: error)), keyPath: "", location: .unknown)
        }
    }

    /// The POSIX permission bits (`st_mode & 0o7777`) of a file, or `nil` when `stat` fails.
    public static func permissionBits(atPath path: String) -> UInt32? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt32(info.st_mode) & 0o7777
    }
}
