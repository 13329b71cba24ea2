extension CablewatchConfiguration {
    /// Where the archive lives (`storage:`).
    public struct StorageConfiguration: Sendable, Equatable, Decodable, ConfigurationMapping {
        /// Path of the SQLite archive (`storage.path`).
        public var path: String

        /// Creates a storage configuration.
        public init(path: String = "/var/lib/cablewatch/cablewatch.sqlite3") {
            self.path = path
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case path
        }

        /// Reads `storage:`; a key left out keeps its default.
        public init(from decoder: any Decoder) throws {
            let section = try decoder.container(keyedBy: CodingKeys.self)
            self.init()
            if let value = try section.scalar(.path) {
                path = try value.string(expected: "a file path, e.g. /var/lib/cablewatch/cablewatch.sqlite3")
            }
        }
    }
}
