extension CablewatchConfiguration {
    /// The event log and how the first sync is reported (`events:`).
    public struct EventsConfiguration: Sendable, Equatable {
        /// JSON-lines event log file, `nil` for none (`events.log`, empty = none).
        public var log: String?
        /// Emit one `cable.added` per cable on the first sync instead of one `sync.baseline` (`events.baselinePerCable`).
        public var baselinePerCable: Bool

        /// Creates an events configuration; the defaults are those of an empty `events:` section.
        public init(log: String? = "/var/log/cablewatch/events.jsonl", baselinePerCable: Bool = false) {
            self.log = log
            self.baselinePerCable = baselinePerCable
        }

        init(section: ConfigurationSection) throws(ConfigurationError) {
            self.init()
            if let value = section["log"] {
                let path = try value.string(allowEmpty: true, expected: "\"\" for no log file, or a file path")
                log = path.isEmpty ? nil : path
            }
            if let value = section["baselinePerCable"] { baselinePerCable = try value.boolean() }
        }
    }
}
