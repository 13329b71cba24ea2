extension CablewatchConfiguration {
    /// Optional data filters of a webhook (`webhooks[i].filter:`); a `nil` list lets every value through.
    public struct WebhookFilterConfiguration: Sendable, Equatable, Decodable, ConfigurationMapping {
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

        enum CodingKeys: String, CodingKey, CaseIterable {
            case origins, classifications, tags
        }

        /// Reads `webhooks[i].filter:`; a list left out accepts any value.
        public init(from decoder: any Decoder) throws {
            let filter = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                origins: try Self.list(filter, .origins), classifications: try Self.list(filter, .classifications),
                tags: try Self.list(filter, .tags))
        }

        private static func list(_ filter: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> [String]? {
            let expected = "a non-empty list of texts, e.g. [\"Embassy Seoul\"]"
            guard let scalars = try filter.scalarList(key, expected: expected) else { return nil }
            guard !scalars.isEmpty else {
                throw try filter.invalid(key, value: "[]", problem: "is empty", expected: expected)
            }
            return try scalars.map { try $0.string(expected: expected) }
        }
    }
}
