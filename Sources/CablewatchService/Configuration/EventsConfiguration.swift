extension CablewatchConfiguration {
    /// The event log and how the first sync is reported (`events:`).
    public struct EventsConfiguration: Sendable, Equatable, Decodable, ConfigurationMapping {
        /// JSON-lines event log file, `nil` for none (`events.log`, empty = none).
        public var log: String?
        /// Emit one `cable.added` per cable on the first sync instead of one `sync.baseline` (`events.baselinePerCable`).
        public var baselinePerCable: Bool

        /// Creates an events configuration; the defaults are those of an empty `events:` section.
        public init(log: String? = "/var/log/cablewatch/events.jsonl", baselinePerCable: Bool = false) {
            self.log = log
            self.baselinePerCable = baselinePerCable
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case log, baselinePerCable
        }

        /// Reads `events:`; a key left out keeps its default.
        public init(from decoder: any Decoder) throws {
            let section = try decoder.container(keyedBy: CodingKeys.self)
            self.init()
            if let value = try section.scalar(.log) {
                let path = try value.string(allowEmpty: true, expected: "\"\" for no log file, or a file path")
                log = path.isEmpty ? nil : path
            }
            if let value = try section.scalar(.baselinePerCable) { baselinePerCable = try value.boolean() }
        }
    }
}
