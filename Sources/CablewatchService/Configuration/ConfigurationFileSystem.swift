import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few file-system reads configuration loading needs, as plain functions that can be swapped in tests.
public enum ConfigurationFileSystem {
    /// The largest file read: a configuration or secret file is a few kilobytes.
    static let maximumFileBytes = 1 << 20

    /// Why a file could not be read, in the system's words. Its description is the reason alone: the caller says
    /// which file, and which key named it (`ConfigurationError.Kind.unreadableFile`).
    public struct ReadFailure: Error, CustomStringConvertible {
        /// `No such file or directory`, `Permission denied`, `Is a directory`, `not valid UTF-8`, or too large.
        public var reason: String

        public var description: String { reason }
    }

    /// Reads a UTF-8 text file, or says why it cannot. Plain POSIX reads: this runs at the start of every command.
    public static func readText(atPath path: String) throws(ReadFailure) -> String {
        try readTextAndPermissions(atPath: path).text
    }

    /// Reads a UTF-8 text file with the permission bits (`st_mode & 0o7777`) of the very file that was read, so a
    /// secret file's mode is checked without a window in which it could be swapped.
    public static func readTextAndPermissions(
        atPath path: String
    ) throws(ReadFailure) -> (text: String, permissionBits: UInt32) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadFailure(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw ReadFailure(reason: String(cString: strerror(errno))) }
        let permissionBits = UInt32(info.st_mode) & 0o7777
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadFailure(reason: String(cString: strerror(errno)))
            }
            bytes += chunk[..<count]
            guard bytes.count <= maximumFileBytes else {
                throw ReadFailure(reason: "larger than \(maximumFileBytes / 1024) KiB; is this the right file?")
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw ReadFailure(reason: "not valid UTF-8") }
        return (text, permissionBits)
    }
}
