/// What one POST to a webhook receiver came to.
public enum DeliveryAttemptOutcome: Sendable, Equatable {
    /// The receiver answered with `status`; `retryAfter` is its parsed `Retry-After`, if any.
    case responded(status: Int, retryAfter: Duration?)
    /// The connect or total timeout elapsed.
    case timedOut
    /// No connection, a reset connection or another transport failure.
    case transportFailed(reason: String)

    /// A short description for the attempt log and error columns.
    public var summary: String {
        switch self {
        case .responded(let status, _): "HTTP \(status)"
        case .timedOut: "timed out"
        case .transportFailed(let reason): reason
        }
    }
}
