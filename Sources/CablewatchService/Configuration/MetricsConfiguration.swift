extension CablewatchConfiguration {
    /// The Prometheus-style metrics endpoint (`metrics:`).
    public struct MetricsConfiguration: Sendable, Equatable, Decodable, ConfigurationMapping {
        /// Loopback address to serve metrics on, `nil` when off (`metrics.listen`, empty = off).
        public var listen: MetricsListenAddress?

        /// Creates a metrics configuration; metrics are off by default.
        public init(listen: MetricsListenAddress? = nil) {
            self.listen = listen
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case listen
        }

        /// Reads `metrics:`; a key left out keeps its default.
        public init(from decoder: any Decoder) throws {
            let section = try decoder.container(keyedBy: CodingKeys.self)
            self.init()
            if let value = try section.scalar(.listen), !value.text.isEmpty {
                guard let address = MetricsListenAddress(parsing: value.text) else {
                    throw value.invalid(
                        "is not a loopback host:port",
                        expected: "\"\" for off, or host:port on loopback, e.g. 127.0.0.1:9464, localhost:9464,"
                            + " [::1]:9464")
                }
                listen = address
            }
        }
    }
}
