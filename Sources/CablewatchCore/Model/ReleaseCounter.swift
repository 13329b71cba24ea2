/// The "Currently released so far... N / M" counter every page carries in its sidebar.
public struct ReleaseCounter: Sendable, Hashable, Codable {
    /// Cables released so far.
    public var released: Int
    /// Cables in the whole release.
    public var total: Int

    public init(released: Int, total: Int) {
        self.released = released
        self.total = total
    }
}
