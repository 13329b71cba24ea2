import CablewatchPostgres
import Foundation

extension CablewatchConfiguration {
    /// Where the archive lives (`storage:`): an SQLite file (`path`, the default), or a PostgreSQL database (`url`).
    public struct StorageConfiguration: Sendable, Equatable, Decodable, ConfigurationMapping {
        /// Where the PostgreSQL password is read from, when the server asks for one: never the configuration itself.
        public enum PasswordSource: Sendable, Equatable {
            /// `storage.passwordFile: PATH` (group and others may not open it).
            case file(String)
            /// `storage.passwordCredential: NAME`, a systemd credential (DESIGN.md §7.1).
            case credential(String)
        }

        /// Path of the SQLite archive (`storage.path`).
        public var path: String
        /// The PostgreSQL server, user and database (`storage.url`), without password; nil for SQLite.
        public var postgres: PostgresServer?
        /// Where the PostgreSQL password comes from; nil when the server asks for none.
        public var password: PasswordSource?

        /// Creates a storage configuration.
        public init(
            path: String = "/var/lib/cablewatch/cablewatch.sqlite3", postgres: PostgresServer? = nil,
            password: PasswordSource? = nil
        ) {
            self.path = path
            self.postgres = postgres
            self.password = password
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case path, url, passwordFile, passwordCredential
        }

        static let urlExpected =
            "postgresql://USER@HOST[:PORT]/DATABASE, the password in storage.passwordFile or storage.passwordCredential"

        /// Reads `storage:`; a key left out keeps its default.
        public init(from decoder: any Decoder) throws {
            let section = try decoder.container(keyedBy: CodingKeys.self)
            self.init()
            if section.contains(.path) && section.contains(.url) {
                throw ConfigurationError(
                    .conflictingKeys(["path", "url"], expected: "storage.path (SQLite) or storage.url (PostgreSQL)"),
                    keyPath: decoder.configurationKeyPath, location: decoder.configurationLocation)
            }
            if let value = try section.scalar(.path) {
                path = try value.string(expected: "a file path, e.g. /var/lib/cablewatch/cablewatch.sqlite3")
            }
            if var value = try section.scalar(.url) {
                value.isURLWithSecrets = true
                postgres = try Self.server(value)
            }
            let passwordKeys = [CodingKeys.passwordFile, .passwordCredential].filter { section.contains($0) }
            if passwordKeys.count > 1 {
                throw ConfigurationError(
                    .conflictingKeys(
                        passwordKeys.map(\.stringValue), expected: "one of passwordFile and passwordCredential"),
                    keyPath: decoder.configurationKeyPath, location: decoder.configurationLocation)
            }
            if let value = try section.scalar(.passwordFile) {
                let file = try value.string(expected: "the path of a file holding the PostgreSQL password")
                guard postgres != nil else {
                    throw value.invalid("is set without storage.url", expected: Self.urlExpected)
                }
                password = .file(file)
            }
            if let value = try section.scalar(.passwordCredential) {
                let expected =
                    "the name of a systemd credential, NAME in the unit's LoadCredential=NAME:/etc/cablewatch/NAME,"
                    + " e.g. postgres.password"
                let name = try value.string(expected: expected)
                guard name != ".", name != "..", !name.contains("/"), name.utf8.count <= 255 else {
                    throw value.invalid("is not a credential name", expected: expected)
                }
                guard postgres != nil else {
                    throw value.invalid("is set without storage.url", expected: Self.urlExpected)
                }
                password = .credential(name)
            }
        }

        /// The server a `storage.url` names; a password written in it is refused, since it would sit in a file that
        /// every reader of the configuration may open.
        static func server(_ value: ConfigurationScalar) throws(ConfigurationError) -> PostgresServer {
            let text = try value.string(expected: urlExpected)
            guard let components = URLComponents(string: text) else {
                throw value.invalid("is not a URL", expected: urlExpected)
            }
            guard let scheme = components.scheme?.lowercased(), scheme == "postgresql" || scheme == "postgres" else {
                throw value.invalid("has an unsupported scheme", expected: urlExpected)
            }
            guard components.password == nil else {
                throw value.invalid("holds a password", expected: urlExpected)
            }
            guard let user = components.user, !user.isEmpty else {
                throw value.invalid("names no user", expected: urlExpected)
            }
            guard let host = components.host, !host.isEmpty else {
                throw value.invalid("has no host", expected: urlExpected)
            }
            let database = String(components.path.drop(while: { $0 == "/" }))
            guard !database.isEmpty, !database.contains("/") else {
                throw value.invalid("names no database", expected: urlExpected)
            }
            guard components.query == nil, components.fragment == nil else {
                throw value.invalid("has options, which cablewatch does not read", expected: urlExpected)
            }
            return PostgresServer(
                host: host, port: components.port ?? 5432, username: user.removingPercentEncoding ?? user,
                database: database.removingPercentEncoding ?? database)
        }
    }
}
