#if canImport(Glibc)
    import Glibc
#endif

/// Unbuffered writes to stdout: `print` is block-buffered on a pipe, where `events --follow | jq` would see nothing
/// until the buffer filled and lose it when stopped. Each call here reaches the pipe before it returns.
enum StandardOutput {
    /// Writes `text` whole, retrying short and interrupted writes.
    static func write(_ text: String) throws(CommandFailure) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("cannot write to stdout: \(String(cString: strerror(errno)))")
            }
            offset += count
        }
    }
}
