import CablewatchPostgres
import CablewatchStore
import Logging

/// The one-writer lock of whichever archive the configuration names: `ArchiveWriterLock` beside an SQLite file, or
/// `PostgresWriterLock` on a PostgreSQL database. Taken before the archive is opened (opening migrates).
public enum ArchiveWriterClaim: Sendable {
    case file(ArchiveWriterLock)
    case postgres(PostgresWriterLock)

    /// Takes the lock at once; throws `ArchiveWriterLockError` (`.held`) when another writer has it.
    public static func take(
        _ storage: CablewatchConfiguration.StorageConfiguration, configPath: String, environment: [String: String],
        logger: Logger
    ) async throws -> ArchiveWriterClaim {
        guard var server = storage.postgres else { return .file(try ArchiveWriterLock(archivePath: storage.path)) }
        server.password = try storage.readPassword(configPath: configPath, environment: environment)
        guard let lock = try await PostgresWriterLock.acquire(server, logger: logger) else {
            throw ArchiveWriterLockError(archivePath: server.location, lockPath: "", kind: .held(pid: nil))
        }
        return .postgres(lock)
    }

    /// Gives the lock up.
    public func release() async {
        switch self {
        case .file(let lock): lock.release()
        case .postgres(let lock): await lock.release()
        }
    }
}
