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

    /// Loads `yaml`; secret files come from `files` and any other path fails.
    static func load(
        _ yaml: String, environment: [String: String] = [:], files: [String: String] = [:]
    ) throws(ConfigurationError) -> CablewatchConfiguration {
        try CablewatchConfiguration.load(yaml: yaml, environment: environment) { path in
            guard let contents = files[path] else { throw MissingFixtureFile(path: path) }
            return contents
        }
    }

    /// The error loading `yaml` produces, or `nil` when it loads.
    static func error(
        _ yaml: String, environment: [String: String] = [:], files: [String: String] = [:]
    ) -> ConfigurationError? {
        do {
            _ = try load(yaml, environment: environment, files: files)
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
