import Yams

extension CablewatchConfiguration {
    /// Optional data filters of a webhook (`webhooks[i].filter:`); a `nil` list lets every value through.
    public struct WebhookFilterConfiguration: Sendable, Equatable {
        /// Origins (e.g. `Embassy Seoul`) an event's `origin` must be one of.
        public var origins: [String]?
        /// Classifications an event's `classification` must be one of.
        public var classifications: [String]?
        /// Tags of which an event's `tags` must contain at least one.
        public var tags: [String]?

        /// Creates a filter; with no lists it lets everything through.
        public init(origins: [String]? = nil, classifications: [String]? = nil, tags: [String]? = nil) {
            self.origins = origins
            self.classifications = classifications
            self.tags = tags
        }

        init(node: Node, keyPath: String) throws(ConfigurationError) {
            self.init()
            let entries = try ConfigurationNodeReader.entries(
                of: node, keyPath: keyPath, allowedKeys: ConfigurationSchema.webhookFilterKeys,
                expected: "a mapping with origins, classifications and/or tags")
            for (key, value) in entries {
                let list = try Self.list(value, keyPath: ConfigurationNodeReader.join(keyPath, key))
                switch key {
                case "origins": origins = list
                case "classifications": classifications = list
                default: tags = list
                }
            }
        }

        private static func list(_ node: Node, keyPath: String) throws(ConfigurationError) -> [String] {
            let expected = "a non-empty list of texts, e.g. [\"Embassy Seoul\"]"
            let scalars = try ConfigurationNodeReader.scalarList(node, keyPath: keyPath, expected: expected)
            guard !scalars.isEmpty else {
                throw ConfigurationError(
                    .invalidValue(value: "[]", problem: "is empty", expected: expected), keyPath: keyPath,
                    location: ConfigurationNodeReader.location(of: node))
            }
            var values: [String] = []
            for scalar in scalars {
                values.append(try scalar.string(expected: expected))
            }
            return values
        }
    }
}
