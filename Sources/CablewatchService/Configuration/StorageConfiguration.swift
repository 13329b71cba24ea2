extension CablewatchConfiguration {
    /// Where the archive lives (`storage:`).
    public struct StorageConfiguration: Sendable, Equatable {
        /// Path of the SQLite archive (`storage.path`).
        public var path: String

        /// Creates a storage configuration.
        public init(path: String = "/var/lib/cablewatch/cablewatch.sqlite3") {
            self.path = path
        }

        init(section: ConfigurationSection) throws(ConfigurationError) {
            self.init()
            if let value = section["path"] {
                path = try value.string(expected: "a file path, e.g. /var/lib/cablewatch/cablewatch.sqlite3")
            }
        }
    }
}
