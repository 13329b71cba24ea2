import CablewatchPostgres
import CablewatchStore
import Logging

/// The one-writer claim of whichever archive the configuration names: `ArchiveWriterLock` beside an SQLite file, or
/// the leadership of a PostgreSQL database (`PostgresLeadership`, whose fence the archive then writes under). Taken
/// before the archive is opened (opening migrates).
public enum ArchiveWriterClaim: Sendable {
    case file(ArchiveWriterLock)
    case postgres(PostgresLeadership)

    /// Takes the claim at once; throws `ArchiveWriterLockError` (`.held`) when another writer has it. `node` names
    /// this process in the `leadership` row.
    public static func take(
        _ storage: CablewatchConfiguration.StorageConfiguration, node: String, configPath: String,
        environment: [String: String], logger: Logger
    ) async throws -> ArchiveWriterClaim {
        guard var server = storage.postgres else { return .file(try ArchiveWriterLock(archivePath: storage.path)) }
        server.password = try storage.readPassword(configPath: configPath, environment: environment)
        let leadership = try await PostgresLeadership.connect(
            server, node: node, fence: PostgresFence(), logger: logger)
        let term: ArchiveLeader?
        do {
            term = try await leadership.tryTake()
        } catch {
            await leadership.close()
            throw error
        }
        guard term != nil else {
            await leadership.close()
            throw ArchiveWriterLockError(archivePath: server.location, lockPath: "", kind: .held(pid: nil))
        }
        return .postgres(leadership)
    }

    /// The fence the archive's writes must pass: the PostgreSQL term this claim took; nil for an SQLite file, whose
    /// lock alone keeps other writers out.
    public var fence: PostgresFence? {
        switch self {
        case .file: nil
        case .postgres(let leadership): leadership.fence
        }
    }

    /// Gives the claim up.
    public func release() async {
        switch self {
        case .file(let lock): lock.release()
        case .postgres(let leadership): await leadership.close()
        }
    }
}
