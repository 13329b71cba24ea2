import CablewatchCore
import Foundation

/// What happens to a delivery after an attempt: the state machine of issue 4.
///
/// - 2xx: delivered.
/// - 410 Gone: the endpoint is disabled (a `webhook.disabled` event is emitted).
/// - 429 and 5xx: retried, no sooner than both the schedule and `Retry-After`.
/// - 3xx (redirects are never followed), other 4xx, timeouts and transport failures: retried per the schedule.
/// - When the schedule has no further attempt: failed (a `delivery.failed` event is emitted).
public enum DeliveryDecision: Sendable, Equatable {
    /// The receiver accepted the event.
    case delivered
    /// Try again at `at`.
    case retry(at: Date, reason: String)
    /// Every attempt failed; give up on this delivery.
    case failed(reason: String)
    /// The receiver said 410 Gone: stop delivering to this endpoint.
    case disableEndpoint(reason: String)

    /// The longest `Retry-After` that is honoured; longer values are cut to this.
    public static let maximumRetryAfter = Duration.seconds(24 * 3600)

    /// Decides the fate of a delivery.
    ///
    /// - Parameters:
    ///   - outcome: what the attempt came to.
    ///   - attempt: the number of the attempt just made (1 for the first).
    ///   - now: when the attempt finished.
    ///   - schedule: the retry schedule.
    ///   - jitterUnit: a random number in 0...1 for the schedule's jitter.
    public static func decide(
        outcome: DeliveryAttemptOutcome, attempt: Int, now: Date, schedule: DeliverySchedule, jitterUnit: Double
    ) -> DeliveryDecision {
        var retryAfter: Duration?
        switch outcome {
        case .responded(let status, _) where (200..<300).contains(status):
            return .delivered
        case .responded(410, _):
            return .disableEndpoint(reason: "HTTP 410 Gone")
        case .responded(let status, let header) where status == 429 || (500..<600).contains(status):
            retryAfter = header.map { min(max($0, .zero), maximumRetryAfter) }
        default:
            break
        }
        let reason = outcome.summary
        guard let delay = schedule.delay(beforeAttempt: attempt + 1, unit: jitterUnit) else {
            return .failed(reason: "\(reason) after \(attempt) attempts")
        }
        let wait = max(delay, retryAfter ?? .zero)
        return .retry(at: now.addingTimeInterval(wait.timeInterval), reason: reason)
    }
}
