import CablewatchStore
import PostgresNIO

extension StoreError {
    /// The archive's error for what PostgreSQL or its driver threw during `operation`.
    static func postgres(_ error: any Error, operation: String, location: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PostgresTransactionError {
            let cause = error.closureError ?? error.commitError ?? error.beginError ?? error.rollbackError
            if let cause { return postgres(cause, operation: operation, location: location) }
        }
        if let error = error as? PSQLError {
            if let server = error.serverInfo {
                return StoreError(
                    kind: .postgres(sqlState: server[.sqlState]), operation: operation, path: location,
                    message: server[.message] ?? "\(error.code)")
            }
            let cause = error.underlying.map { ": \($0)" } ?? ""
            return StoreError(
                kind: .postgres(sqlState: nil), operation: operation, path: location,
                message: "\(error.code)\(cause)")
        }
        return StoreError(kind: .postgres(sqlState: nil), operation: operation, path: location, message: "\(error)")
    }
}
