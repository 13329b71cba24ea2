import Foundation

extension CablewatchConfiguration {
    /// Where the tracked site lives (`source:`).
    public struct SourceConfiguration: Sendable, Equatable {
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

        init(section: ConfigurationSection) throws(ConfigurationError) {
            guard let urlValue = section["url"] else {
                throw section.missing("url", expected: Self.urlExpectation)
            }
            self.init(url: try urlValue.url(schemes: ["http", "https"], expected: Self.urlExpectation))
            if let value = section["home"] {
                let expected = "a path starting with /, e.g. /index.html or /cablegate.html"
                home = try value.string(expected: expected)
                guard home.hasPrefix("/"), !home.contains(where: \.isWhitespace) else {
                    throw value.invalid("is not an absolute path", expected: expected)
                }
            }
        }
    }
}
