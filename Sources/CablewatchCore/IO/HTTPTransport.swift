/// Sends webhook POSTs. Redirects are never followed: a 3xx comes back as a `PostResponse`.
public protocol HTTPTransport: Sendable {
    /// POSTs the body; any HTTP status is a response, only transport failures throw.
    func post(_ request: PostRequest) async throws(FetchError) -> PostResponse
}
