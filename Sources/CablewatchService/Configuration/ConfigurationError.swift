/// A configuration problem, with the key, the offending value and where it was written.
///
/// The description reads like
/// `poll.interval: "15 minutes" is not a duration (expected e.g. 250ms, 30s, 15m, 24h) at line 4`.
/// Secret values are never included.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// A file (the configuration or a secret file) could not be read.
        case unreadableFile(path: String, reason: String)
        /// The text is not well-formed YAML.
        case malformedYAML(reason: String)
        /// A key that the configuration does not know; `expected` lists the keys allowed there.
        case unknownKey(expected: [String])
        /// A `CABLEWATCH_…` environment variable that maps to no key.
        case unknownEnvironmentVariable(name: String)
        /// A required key is absent.
        case missingKey(expected: String)
        /// A node has the wrong shape, e.g. a list where a mapping belongs.
        case wrongType(found: String, expected: String)
        /// A value that cannot be used; `value` is already redacted for secrets.
        case invalidValue(value: String, problem: String, expected: String)
        /// Keys that exclude each other were set together.
        case conflictingKeys([String], expected: String)
        /// A secret file that group or others may open (`permissionBits` as `stat` gives them).
        case exposedSecretFile(path: String, permissionBits: UInt32)
    }

    /// Where the offending text came from.
    public enum Location: Sendable, Equatable {
        /// A line (1-based) of the configuration file.
        case line(Int)
        /// An environment variable.
        case environment(variable: String)
        /// Nowhere more specific.
        case unknown
    }

    /// What went wrong.
    public var kind: Kind
    /// The full key path, e.g. `poll.interval` or `webhooks[0].filter.tags`; empty for whole-file problems.
    public var keyPath: String
    /// Where it was written.
    public var location: Location

    /// Creates an error.
    public init(_ kind: Kind, keyPath: String, location: Location) {
        self.kind = kind
        self.keyPath = keyPath
        self.location = location
    }

    public var description: String {
        let subject = keyPath.isEmpty ? "" : "\(keyPath): "
        let message: String
        switch kind {
        case .unreadableFile(let path, let reason):
            message = "cannot read \"\(path)\": \(reason)"
        case .malformedYAML(let reason):
            message = "not valid YAML: \(reason)"
        case .unknownKey(let expected):
            message = "unknown key (expected one of \(expected.joined(separator: ", ")))"
        case .unknownEnvironmentVariable(let name):
            message =
                "unknown environment variable \(name) (expected CABLEWATCH_CONFIG or CABLEWATCH_<SECTION>_<KEY>"
                + " naming a key of the configuration file, e.g. CABLEWATCH_POLL_INTERVAL)"
        case .missingKey(let expected):
            message = "required key is missing (expected \(expected))"
        case .wrongType(let found, let expected):
            message = "found \(found) (expected \(expected))"
        case .invalidValue(let value, let problem, let expected):
            message = "\"\(value)\" \(problem) (expected \(expected))"
        case .conflictingKeys(let keys, let expected):
            message = "\(keys.joined(separator: " and ")) are both set (expected \(expected))"
        case .exposedSecretFile(let path, let bits):
            let mode = String(bits & 0o777, radix: 8)
            message =
                "\"\(path)\" is open to group or others (mode \(String(repeating: "0", count: 4 - mode.count))\(mode));"
                + " restrict it with chmod 600 \(path), or hand it to the service as a systemd credential"
                + " (LoadCredential= in the unit, secretCredential: NAME here)"
        }
        switch location {
        case .line(let line):
            return "\(subject)\(message) at line \(line)"
        case .environment(let variable):
            return "\(subject)\(message) in environment variable \(variable)"
        case .unknown:
            return "\(subject)\(message)"
        }
    }
}
