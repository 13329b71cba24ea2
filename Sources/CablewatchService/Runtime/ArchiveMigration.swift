import CablewatchPostgres
import CablewatchStore
import Foundation
import Logging

/// `cablewatch migrate --from SQLITE_PATH`: copies an SQLite archive, events and deliveries included, into the
/// empty PostgreSQL archive the configuration names. The SQLite lock file and the PostgreSQL leadership are held
/// meanwhile (the copy's transaction fenced by that term), so no daemon writes to either archive during the copy.
public enum ArchiveMigration {
    /// What was copied, and where from and to.
    public struct Report: Sendable, Encodable {
        public var source: String
        public var target: String
        /// Rows copied per table, under the SQLite archive's table names.
        public var rows: [String: Int64]
    }

    /// Why a migration could not start.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    public static func run(
        from sqlitePath: String, storage: CablewatchConfiguration.StorageConfiguration, node: String,
        configPath: String, environment: [String: String], logger: Logger
    ) async throws -> Report {
        guard var server = storage.postgres else {
            throw Refusal(
                description: "migrate copies into PostgreSQL: set storage.url in \(configPath) to the target database")
        }
        guard FileManager.default.fileExists(atPath: sqlitePath) else {
            throw Refusal(description: "\(sqlitePath): no SQLite archive there")
        }
        server.password = try storage.readPassword(configPath: configPath, environment: environment)
        let sourceLock = try ArchiveWriterLock(archivePath: sqlitePath)
        defer { sourceLock.release() }
        let claim = try await ArchiveWriterClaim.take(
            storage, node: node, configPath: configPath, environment: environment, logger: logger)
        do {
            let source = try ArchiveStore(path: sqlitePath, mode: .readOnly)
            let target = try await PostgresArchive.open(server, mode: .readWrite, fence: claim.fence, logger: logger)
            let rows: [String: Int64]
            do {
                rows = try await target.importArchive(from: source)
            } catch {
                await target.close()
                throw error
            }
            await target.close()
            await claim.release()
            return Report(source: sqlitePath, target: server.location, rows: rows)
        } catch {
            await claim.release()
            throw error
        }
    }
}
