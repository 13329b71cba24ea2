import CablewatchPostgres
import CablewatchStore
import Logging

extension CablewatchConfiguration.StorageConfiguration {
    /// Where the archive is, as messages name it: the SQLite file, or the PostgreSQL URL without password.
    public var location: String { postgres?.location ?? path }

    /// Opens the archive the configuration names: the SQLite file at `path`, or the PostgreSQL database at `url`
    /// with its password read now (`configPath` and `environment` locate a credential). Read-write creates and
    /// migrates it. On PostgreSQL, `fence` (the writer's leadership) guards every write; the SQLite file needs none.
    /// Throws a `ConfigurationError` for an unreadable password, a `StoreError` for the archive.
    public func openArchive(
        mode: ArchiveStore.Mode, fence: PostgresFence? = nil, configPath: String, environment: [String: String],
        logger: Logger
    ) async throws -> any ArchiveStoring {
        guard var server = postgres else { return try ArchiveStore(path: path, mode: mode) }
        server.password = try readPassword(configPath: configPath, environment: environment)
        return try await PostgresArchive.open(server, mode: mode, fence: fence, logger: logger)
    }

    /// The PostgreSQL password from `passwordFile` or `passwordCredential` (without a final newline), nil when
    /// neither is set. A file that group or others may open is refused, as a webhook secret file is (§7.1).
    func readPassword(configPath: String, environment: [String: String]) throws(ConfigurationError) -> String? {
        guard let password else { return nil }
        let access = ConfigurationSecretAccess.system(configPath: configPath, environment: environment)
        let file: String
        let keyPath: String
        var checkMode = true
        switch password {
        case .file(let path):
            file = path
            keyPath = "storage.passwordFile"
        case .credential(let name):
            let folder = access.credentialsFolder
            file = folder.path.hasSuffix("/") ? folder.path + name : folder.path + "/" + name
            keyPath = "storage.passwordCredential"
            // systemd's folder is the service's alone.
            if case .systemd = folder { checkMode = false }
        }
        let contents: (text: String, permissionBits: UInt32)
        do {
            contents = try access.readFile(file)
        } catch {
            throw ConfigurationError(
                .unreadableFile(path: file, reason: "\(error)"), keyPath: keyPath, location: .unknown)
        }
        if checkMode && contents.permissionBits & 0o077 != 0 {
            throw ConfigurationError(
                .exposedSecretFile(path: file, permissionBits: contents.permissionBits), keyPath: keyPath,
                location: .unknown)
        }
        var text = Substring(contents.text)
        while let last = text.last, last == "\n" || last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
