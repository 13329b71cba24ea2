/// How a webhook's request body is shaped.
public enum WebhookPayloadFormat: String, Sendable, Equatable, CaseIterable {
    /// The event JSON exactly as stored and logged.
    case standard
    /// `{"text": "<one-line summary>"}` for Slack incoming webhooks.
    case slack
    /// `{"content": "<one-line summary>"}` for Discord webhooks.
    case discord
}
