import Foundation

extension CablewatchConfiguration {
    /// How this daemon names itself among those sharing a PostgreSQL archive (`cluster:`).
    public struct ClusterConfiguration: Sendable, Equatable, Decodable, ConfigurationMapping {
        /// The name `status`, the `leadership` row and the logs give this node (`cluster.nodeName`); nil for the
        /// default, `hostname:pid`.
        public var nodeName: String?

        /// Creates a cluster configuration; the default names the node `hostname:pid`.
        public init(nodeName: String? = nil) {
            self.nodeName = nodeName
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case nodeName
        }

        /// Reads `cluster:`; a key left out keeps its default.
        public init(from decoder: any Decoder) throws {
            let section = try decoder.container(keyedBy: CodingKeys.self)
            self.init()
            if let value = try section.scalar(.nodeName) {
                let name = try value.string(allowEmpty: true, expected: "\"\" for hostname:pid, or a name")
                nodeName = name.isEmpty ? nil : name
            }
        }

        /// The node's name: `nodeName`, else `hostname:pid` of this process.
        public var effectiveNodeName: String {
            nodeName ?? "\(ProcessInfo.processInfo.hostName):\(getpid())"
        }
    }
}
