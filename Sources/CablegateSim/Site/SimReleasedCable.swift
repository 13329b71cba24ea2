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
