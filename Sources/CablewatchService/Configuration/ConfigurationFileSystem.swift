import Foundation

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

    /// Reads a UTF-8 text file, or says why it cannot.
    public static func readText(atPath path: String) throws(ReadFailure) -> String {
        try readTextAndPermissions(atPath: path).text
    }

    /// Reads a UTF-8 text file with the permission bits (`st_mode & 0o7777`) of the very file that was read, so a
    /// secret file's mode is checked without a window in which it could be swapped.
    public static func readTextAndPermissions(
        atPath path: String
    ) throws(ReadFailure) -> (text: String, permissionBits: UInt32) {
        let data: Data
        var info = stat()
        do {
            let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? file.close() }
            guard fstat(file.fileDescriptor, &info) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            data = try file.read(upToCount: maximumFileBytes + 1) ?? Data()
        } catch {
            throw ReadFailure(reason: systemReason(error))
        }
        guard data.count <= maximumFileBytes else {
            throw ReadFailure(reason: "larger than \(maximumFileBytes / 1024) KiB; is this the right file?")
        }
        guard let text = String(validating: data, as: UTF8.self) else { throw ReadFailure(reason: "not valid UTF-8") }
        return (text, UInt32(info.st_mode) & 0o7777)
    }

    /// `No such file or directory` rather than Foundation's sentence around it.
    private static func systemReason(_ error: any Error) -> String {
        var error = error as NSError
        while error.domain != NSPOSIXErrorDomain, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
            error = underlying
        }
        return error.domain == NSPOSIXErrorDomain
            ? String(cString: strerror(Int32(error.code))) : error.localizedDescription
    }
}
