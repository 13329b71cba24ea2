/// Everything that can go wrong in `CablewatchNotify`, with the context needed to act on it.
///
/// Secrets never appear in these errors: only their shape (length, prefix) is described.
public enum NotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A webhook secret is not `whsec_` followed by base64 of 24–64 bytes.
    case invalidSecret(reason: String)
    /// An event-type glob uses characters other than letters, digits, `.`, `_`, `-` and `*`, or is empty.
    case invalidEventTypeGlob(pattern: String, reason: String)
    /// A webhook was configured without any signing secret.
    case missingSecret
    /// A received webhook request failed verification (`WebhookVerifier`): missing headers, a stale timestamp or no
    /// matching signature.
    case signatureRejected(webhookID: String?, reason: String)

    public var description: String {
        switch self {
        case .invalidSecret(let reason):
            return "invalid webhook secret: \(reason)"
        case .invalidEventTypeGlob(let pattern, let reason):
            return "invalid event type pattern \"\(pattern)\": \(reason)"
        case .missingSecret:
            return "a webhook needs at least one signing secret"
        case .signatureRejected(let webhookID, let reason):
            return "webhook request \(webhookID ?? "without id") rejected: \(reason)"
        }
    }
}
