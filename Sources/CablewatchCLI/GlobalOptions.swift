import ArgumentParser
import CablewatchService
import CablewatchStore
import Foundation
import Logging

/// Options every command that reads the configuration takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: $CABLEWATCH_CONFIG or /etc/cablewatch/cablewatch.yaml).")
    var config: String?

    /// The configuration file path in force.
    var configPath: String {
        config ?? ProcessInfo.processInfo.environment["CABLEWATCH_CONFIG"] ?? "/etc/cablewatch/cablewatch.yaml"
    }

    /// Loads and validates the configuration without opening any secret file, or fails with its one-line reason.
    /// What only reads or requeues needs no secret, so it works for anyone who may read the configuration.
    func loadConfiguration() throws -> CablewatchConfiguration {
        try loadConfiguration(secrets: .skip)
    }

    /// Loads and validates the configuration with the webhooks' secrets, for commands that sign requests.
    func loadConfigurationWithSecrets() throws -> CablewatchConfiguration {
        try loadConfiguration(secrets: .read)
    }

    private func loadConfiguration(secrets: CablewatchConfiguration.SecretLoading) throws -> CablewatchConfiguration {
        do {
            return try CablewatchConfiguration.load(
                path: configPath, environment: ProcessInfo.processInfo.environment, secrets: secrets)
        } catch {
            throw CommandFailure("\(configPath): \(error)")
        }
    }

    /// Opens the archive read-only (never blocks the daemon); no webhook secret is read (a PostgreSQL archive's
    /// password is).
    func openArchiveReadOnly() async throws -> any ArchiveStoring {
        let configuration = try loadConfiguration()
        do {
            return CommandArchives.keep(
                try await configuration.storage.openArchive(
                    mode: .readOnly, configPath: configPath, environment: ProcessInfo.processInfo.environment,
                    logger: Logger(label: "cablewatch")))
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}

/// A command failed: print the one-line reason and exit non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32

    init(_ description: String, exitCode: Int32 = 1) {
        self.description = description
        self.exitCode = exitCode
    }
}
