import GRDB

/// Errors from the archive, with the operation and path they concern and SQLite's result code when there is one.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        case cannotOpen
        case sqlite(code: Int32)
        case notFound(String)
        case invariant(String)
    }

    public var kind: Kind
    public var operation: String
    public var path: String
    public var message: String

    public init(kind: Kind, operation: String, path: String, message: String) {
        self.kind = kind
        self.operation = operation
        self.path = path
        self.message = message
    }

    public var description: String {
        switch kind {
        case .sqlite(let code) where code & 0xFF == 13:
            "\(operation) \(path): the disk is full (SQLite error \(code): \(message)); nothing was half-written"
        case .sqlite(let code): "\(operation) \(path): SQLite error \(code): \(message)"
        case .cannotOpen: "cannot open archive \(path): \(message)"
        case .notFound(let what): "\(what) not found in \(path)"
        case .invariant(let what): "\(operation) \(path): \(what)"
        }
    }

    /// Whether the disk (or a quota) is full: the caller keeps running and retries later.
    public var isDiskFull: Bool {
        if case .sqlite(let code) = kind { return code & 0xFF == 13 }  // SQLITE_FULL
        return false
    }

    static func wrap(_ error: any Error, operation: String, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            return StoreError(
                kind: .sqlite(code: error.extendedResultCode.rawValue), operation: operation, path: path,
                message: error.message ?? "\(error.resultCode)")
        }
        return StoreError(kind: .invariant("\(error)"), operation: operation, path: path, message: "\(error)")
    }
}
