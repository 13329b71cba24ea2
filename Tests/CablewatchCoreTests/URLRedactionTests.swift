import Testing

@testable import CablewatchCore

/// Webhook and proxy URLs keep their scheme and host[:port] only: a chat webhook's token is its path, other
/// receivers take one in the query, and a proxy's password is its user-info.
@Test(arguments: [
    ("https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXX", "https://hooks.slack.com/…"),
    ("https://discord.com/api/webhooks/123456/abcdefTOKEN", "https://discord.com/…"),
    ("https://hooks.example.org/cablewatch?token=abc123", "https://hooks.example.org/…"),
    ("https://hooks.example.org?token=abc123", "https://hooks.example.org/…"),
    ("https://hooks.example.org/#fragment", "https://hooks.example.org/…"),
    ("http://127.0.0.1:8080/hook", "http://127.0.0.1:8080/…"),
    ("http://[::1]:8080/hook", "http://[::1]:8080/…"),
    ("HTTPS://Hooks.Example.org:8443/a/b", "https://Hooks.Example.org:8443/…"),
    ("https://user:pass@hooks.example.org/x", "https://…@hooks.example.org/…"),
    ("socks5h://tor:secret@127.0.0.1:9050", "socks5h://…@127.0.0.1:9050"),
    ("http://a:b@c@proxy.example.org:3128/", "http://…@proxy.example.org:3128"),
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
    ("  https://hooks.example.org/secret \n", "https://hooks.example.org/…"),
    ("hooks.example.org/secret", "…"),
    ("mailto:ops@example.org", "…"),
    ("://hooks.example.org/secret", "…"),
    ("", "…"),
])
func urlIsShownWithoutWhatCanHoldACredential(url: String, shown: String) {
    #expect(URLRedaction.redacted(url) == shown)
}

@Test func fetchErrorOfASecretURLDescribesItRedacted() {
    let error = FetchError(
        .httpStatus(404, retryAfterSeconds: nil), method: "POST",
        url: "https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXX")
    #expect(error.redactingURL.description == "POST https://hooks.slack.com/…: HTTP 404")
    let offOrigin = FetchError(
        .offOrigin("https://elsewhere.example.org/token/abc"), method: "POST", url: "https://a/b")
    #expect(
        offOrigin.redactingURL.description
            == "POST https://a/…: https://elsewhere.example.org/… is outside the allowed origin")
}
