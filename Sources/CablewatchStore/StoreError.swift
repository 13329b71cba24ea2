import GRDB

/// Errors from the archive, with the operation and path they concern and SQLite's result code when there is one.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        case cannotOpen
        case sqlite(code: Int32)
        /// A PostgreSQL error, with its SQLSTATE when the server sent one.
        case postgres(sqlState: String?)
        case notFound(String)
        case invariant(String)
        /// A full-text query SQLite cannot parse (a user's input, not a fault of the archive).
        case invalidQuery(String)
        /// A write of a PostgreSQL leader whose term is over (fencing, DESIGN.md): `term` is the epoch it took, nil
        /// when it holds none; `current` the epoch in force. The transaction was rolled back.
        case lostLeadership(term: Int64?, current: Int64?)
    }

    public var kind: Kind
    public var operation: String
    public var path: String
    public var message: String
    /// What the system says about the file or directory, when SQLite's refusal was about access.
    public var access: StorageAccessProblem?

    public init(
        kind: Kind, operation: String, path: String, message: String, access: StorageAccessProblem? = nil
    ) {
        self.kind = kind
        self.operation = operation
        self.path = path
        self.message = message
        self.access = access
    }

    public var description: String {
        switch kind {
        case .sqlite(let code) where code & 0xFF == 13:
            "\(operation) \(path): the disk is full (SQLite error \(code): \(message)); nothing was half-written"
        case .sqlite(let code):
            if let access {
                "\(operation) \(path): \(access) (SQLite error \(code))"
            } else if Self.isReadOnly(code) {
                "\(operation) \(path): the archive is read-only (SQLite error \(code): \(message))"
            } else {
                "\(operation) \(path): SQLite error \(code): \(message)"
            }
        case .postgres(let sqlState?):
            "\(operation) \(path): PostgreSQL error \(sqlState): \(message)"
        case .postgres(nil):
            "\(operation) \(path): \(message)"
        case .cannotOpen:
            if let access {
                "cannot open archive \(path): \(access)"
            } else {
                "cannot open archive \(path): \(message)"
            }
        case .notFound(let what): "\(what) not found in \(path)"
        case .invariant(let what): "\(operation) \(path): \(what)"
        case .lostLeadership(let term?, let current):
            "\(operation) \(path): lost leadership: this cablewatch led as epoch \(term), the database is at epoch "
                + "\(current.map(String.init) ?? "none"); nothing was written"
        case .lostLeadership(nil, _):
            "\(operation) \(path): lost leadership: this cablewatch is a standby and may not write; nothing was written"
        case .invalidQuery(let query):
            "cannot read the query '\(query)': use words, \"a phrase\", prefix*, AND/OR/NOT"
        }
    }

    /// Whether a write was refused because this process no longer leads (its term ended): stop writing, do not retry.
    public var isLostLeadership: Bool {
        if case .lostLeadership = kind { return true }
        return false
    }

    /// Whether the disk (or a quota) is full: the caller keeps running and retries later.
    public var isDiskFull: Bool {
        if case .sqlite(let code) = kind { return code & 0xFF == 13 }  // SQLITE_FULL
        return false
    }

    static func wrap(_ error: any Error, operation: String, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            let code = error.extendedResultCode.rawValue
            return StoreError(
                kind: .sqlite(code: code), operation: operation, path: path,
                message: error.message ?? "\(error.resultCode)",
                access: isAccessRefusal(code) ? StorageAccessProblem.diagnose(archivePath: path, writing: true) : nil)
        }
        return StoreError(kind: .invariant("\(error)"), operation: operation, path: path, message: "\(error)")
    }

    /// SQLite's primary codes that may mean the system refused the file: PERM (3), READONLY (8), IOERR (10),
    /// CANTOPEN (14) and AUTH (23).
    static func isAccessRefusal(_ code: Int32) -> Bool {
        [3, 8, 10, 14, 23].contains(code & 0xFF)
    }

    /// SQLITE_READONLY and its extended codes (a read-only file, directory, or a WAL that cannot be set up).
    static func isReadOnly(_ code: Int32) -> Bool { code & 0xFF == 8 }
}
