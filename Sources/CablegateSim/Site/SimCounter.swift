/// The counter as the site shows it: listed cables and the advertised total.
public struct SimCounter: Sendable, Hashable, Codable {
    public let released: Int
    public let total: Int
}
