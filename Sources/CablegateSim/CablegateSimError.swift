/// Every failure of the simulator module, with the context needed to act on it.
public enum CablegateSimError: Error, Sendable, Hashable, CustomStringConvertible {
    case socketFailed(operation: String, errno: Int32)
    case bindFailed(host: String, port: Int, errno: Int32)
    case gzipFailed(code: Int32)
    case writeFailed(path: String, errno: Int32)
    case invalidFault(specification: String, reason: String)
    case invalidTemplate(path: String, reason: String)

    public var description: String {
        switch self {
        case .socketFailed(let operation, let errno): "socket operation \(operation) failed (errno \(errno))"
        case .bindFailed(let host, let port, let errno): "cannot bind \(host):\(port) (errno \(errno))"
        case .gzipFailed(let code): "zlib deflate failed (code \(code))"
        case .writeFailed(let path, let errno): "cannot write \(path) (errno \(errno))"
        case .invalidFault(let specification, let reason): "invalid fault '\(specification)': \(reason)"
        case .invalidTemplate(let path, let reason): "cannot clone the real cable page \(path): \(reason)"
        }
    }
}
