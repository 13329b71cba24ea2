/// How loading the configuration reaches the webhooks' secrets; commands that only read the archive load without
/// one, so they never open a secret file and work for anyone who may read the configuration and the archive.
public struct ConfigurationSecretAccess {
    /// The environment variable systemd sets for a service with `LoadCredential=`.
    public static let credentialsDirectoryVariable = "CREDENTIALS_DIRECTORY"

    /// Where `secretCredential: NAME` is read from.
    public enum CredentialsFolder: Sendable, Equatable {
        /// systemd's private folder (`$CREDENTIALS_DIRECTORY`), which only the service can open.
        case systemd(String)
        /// Outside systemd (a command run from a shell): the configuration file's folder, where the unit's
        /// `LoadCredential=NAME:/etc/cablewatch/NAME` takes the file from.
        case besideConfiguration(String)

        /// The folder's path.
        public var path: String {
            switch self {
            case .systemd(let path), .besideConfiguration(let path): path
            }
        }
    }

    /// Where credentials are read from.
    public var credentialsFolder: CredentialsFolder
    /// Reads a file: its text and the permission bits of the file read.
    public var readFile: (String) throws -> (text: String, permissionBits: UInt32)

    /// Creates an access with an injected reader (tests read fixtures through it).
    public init(
        credentialsFolder: CredentialsFolder,
        readFile: @escaping (String) throws -> (text: String, permissionBits: UInt32)
    ) {
        self.credentialsFolder = credentialsFolder
        self.readFile = readFile
    }

    /// The real file system, with credentials from `$CREDENTIALS_DIRECTORY` or else beside `configPath`.
    public static func system(configPath: String, environment: [String: String]) -> ConfigurationSecretAccess {
        let folder: CredentialsFolder
        if let directory = environment[credentialsDirectoryVariable], !directory.isEmpty {
            folder = .systemd(directory)
        } else {
            let slash = configPath.lastIndex(of: "/")
            let directory = slash.map { String(configPath[..<$0]) } ?? "."
            folder = .besideConfiguration(slash != nil && directory.isEmpty ? "/" : directory)
        }
        return ConfigurationSecretAccess(credentialsFolder: folder) {
            try ConfigurationFileSystem.readTextAndPermissions(atPath: $0)
        }
    }
}
