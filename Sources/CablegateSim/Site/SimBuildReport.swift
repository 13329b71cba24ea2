/// A build's number, release day, counter and changes by reference id: the JSON of `POST /_sim/advance`.
public struct SimBuildReport: Sendable, Hashable, Codable {
    public let build: Int
    /// `YYYY-MM-DD`.
    public let releaseDay: String
    public let counter: SimCounter
    public let changes: Changes

    /// Changes from the previous build by reference id.
    public struct Changes: Sendable, Hashable, Codable {
        public let added: [Added]
        public let changed: [Changed]
        public let removed: [String]
    }

    /// A cable listed in this build, for the first time or again.
    public struct Added: Sendable, Hashable, Codable {
        public let referenceId: String
        public let reAdded: Bool
    }

    /// An edited cable.
    public struct Changed: Sendable, Hashable, Codable {
        public let referenceId: String
        public let kind: SimEditKind
        public let whitespaceOnly: Bool
        public let movedToNewDay: Bool
    }
}
