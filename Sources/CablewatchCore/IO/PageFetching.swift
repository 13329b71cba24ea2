/// Fetches pages of the tracked source over HTTP (GET, conditional, same-origin only).
public protocol PageFetching: Sendable {
    /// Fetches one page; a 304 is a response, every status ≥ 400 or unfollowed 3xx is a `FetchError`.
    func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse
}
