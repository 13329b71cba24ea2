/// Everything the parser found on one page of the site. Parts a page does not have are nil or empty.
public struct ParsedPage: Sendable, Hashable, Codable {
    public var counter: ReleaseCounter?
    /// Release days linked from the sidebar, in page order (newest first on the real site).
    public var releaseDays: [ReleaseDay]
    public var listing: ListingPage?
    public var cable: CablePage?

    public init(
        counter: ReleaseCounter? = nil, releaseDays: [ReleaseDay] = [], listing: ListingPage? = nil,
        cable: CablePage? = nil
    ) {
        self.counter = counter
        self.releaseDays = releaseDays
        self.listing = listing
        self.cable = cable
    }
}
