import CablewatchNotify
import Foundation
import Testing

@testable import CablewatchService

/// Shared inputs and helpers for the configuration tests.
enum ConfigurationFixtures {
    /// 32 key bytes 0x01…0x20.
    static let secretA = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="
    static let secretABytes = [UInt8](1...32)
    /// 24 key bytes 100…123.
    static let secretB = "whsec_ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7"
    static let secretBBytes = [UInt8](100...123)

    static let minimal = """
        source:
          url: https://cablegate.example.org
        """

    /// Loads `yaml`; secret files come from `files` (mode 0600 unless `modes` says otherwise) and any other path
    /// fails; credentials are looked for in `credentialsFolder`.
    static func load(
        _ yaml: String, environment: [String: String] = [:], files: [String: String] = [:],
        modes: [String: UInt32] = [:],
        credentialsFolder: ConfigurationSecretAccess.CredentialsFolder = .besideConfiguration("/etc/cablewatch")
    ) throws(ConfigurationError) -> CablewatchConfiguration {
        let access = ConfigurationSecretAccess(credentialsFolder: credentialsFolder) { path in
            guard let contents = files[path] else { throw MissingFixtureFile(path: path) }
            return (contents, modes[path] ?? 0o600)
        }
        return try CablewatchConfiguration.load(yaml: yaml, environment: environment, secretAccess: access)
    }

    /// The error loading `yaml` produces, or `nil` when it loads.
    static func error(
        _ yaml: String, environment: [String: String] = [:], files: [String: String] = [:],
        modes: [String: UInt32] = [:],
        credentialsFolder: ConfigurationSecretAccess.CredentialsFolder = .besideConfiguration("/etc/cablewatch")
    ) -> ConfigurationError? {
        do {
            _ = try load(
                yaml, environment: environment, files: files, modes: modes, credentialsFolder: credentialsFolder)
            return nil
        } catch {
            return error
        }
    }

    /// A YAML document with one webhook whose entry body is `entry` (indented by the caller's 4 spaces).
    static func withWebhook(_ entry: String) -> String {
        minimal + "\nwebhooks:\n  - "
            + entry.split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\n    ")
    }
}

/// Thrown by the fixture file reader for a path the test did not provide.
struct MissingFixtureFile: Error, CustomStringConvertible {
    var path: String
    var description: String { "no fixture file at \(path)" }
}
