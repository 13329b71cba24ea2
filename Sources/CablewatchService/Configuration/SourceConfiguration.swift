import Foundation

extension CablewatchConfiguration {
    /// Where the tracked site lives (`source:`).
    public struct SourceConfiguration: Sendable, Equatable, Decodable, ConfigurationMapping {
        /// What `source.url` must look like.
        static let urlExpectation = "an http or https URL, e.g. https://cablegate.example.org"

        /// Base URL of the site or mirror (`source.url`, required).
        public var url: URL
        /// Path of a page carrying the counter and the release-day sidebar (`source.home`).
        public var home: String

        /// Creates a source configuration.
        public init(url: URL, home: String = "/cablegate.html") {
            self.url = url
            self.home = home
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case url, home
        }

        /// Reads `source:`.
        public init(from decoder: any Decoder) throws {
            let section = try decoder.container(keyedBy: CodingKeys.self)
            guard let urlValue = try section.scalar(.url) else {
                throw decoder.missingKey(CodingKeys.url, expected: Self.urlExpectation)
            }
            self.init(url: try urlValue.url(schemes: ["http", "https"], expected: Self.urlExpectation))
            if let value = try section.scalar(.home) {
                let expected = "a path starting with /, e.g. /index.html or /cablegate.html"
                home = try value.string(expected: expected)
                guard home.hasPrefix("/"), !home.contains(where: \.isWhitespace) else {
                    throw value.invalid("is not an absolute path", expected: expected)
                }
            }
        }
    }
}
