/// One change the site made to an already released cable's body between two builds.
public struct CableEdit: Sendable, Hashable, Codable {
    /// What kind of change it is.
    public let kind: SimEditKind
    /// The edit's ordinal for this cable (0 for its first edit); seeds the edit's random stream.
    public let ordinal: Int
    /// The build that made the change.
    public let build: Int

    public init(kind: SimEditKind, ordinal: Int, build: Int) {
        self.kind = kind
        self.ordinal = ordinal
        self.build = build
    }
}
