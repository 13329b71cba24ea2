extension FetchError {
    /// The same error with its URL shown as `URLRedaction` shows it, for a request whose URL is a secret (a
    /// webhook's): its description can then go to logs, the archive and events.
    public var redactingURL: FetchError {
        var error = self
        error.url = URLRedaction.redacted(url)
        if case .offOrigin(let target) = kind { error.kind = .offOrigin(URLRedaction.redacted(target)) }
        return error
    }
}
