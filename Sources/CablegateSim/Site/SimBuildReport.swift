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

/// The counter as the site shows it: listed cables and the advertised total.
public struct SimCounter: Sendable, Hashable, Codable {
    public let released: Int
    public let total: Int
}

/// One listed cable in a build: what the tracker should have archived for it.
public struct SimReleasedCable: Sendable, Hashable, Codable {
    public let referenceId: String
    public let contentSHA256: String
    public let path: String
    /// `YYYY-MM-DD HH:MM`.
    public let created: String
    /// `YYYY-MM-DD`, the day of the cable's current listing row.
    public let released: String
    public let classification: String
    public let origin: String
    public let subject: String
    public let tags: [String]
    /// How many edits the cable has had up to this build.
    public let revision: Int
}
