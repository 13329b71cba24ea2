import Foundation

/// When a quarantined page is tried again: on the very next cycle first (a page broken for one build heals at
/// once), then after 1, 2, 4 … minutes, at most `maximumDelay` apart, so a page broken for good costs few requests.
public enum QuarantineSchedule {
    /// The longest wait between two attempts at one page.
    public static let maximumDelay: Duration = .seconds(6 * 3_600)

    /// The wait after the `attempts`-th failed attempt.
    public static func delay(afterAttempts attempts: Int) -> Duration {
        guard attempts > 1 else { return .zero }
        let minutes = 1 << min(attempts - 2, 20)
        return min(.seconds(60 * minutes), maximumDelay)
    }

    /// The entry after one more failed attempt at `now` (or the first one, when `existing` is nil).
    public static func record(
        _ existing: QuarantinedPage?, url: String, kind: QuarantinedPage.Kind, referenceId: String?,
        listedReleased: String?, problem: QuarantinedPage.Problem, reason: String, at now: Date
    ) -> QuarantinedPage {
        let attempts = (existing?.attempts ?? 0) + 1
        let timestamp = Timestamp.string(from: now)
        return QuarantinedPage(
            url: url, kind: kind, referenceId: referenceId, listedReleased: listedReleased, problem: problem,
            reason: reason, firstSeenAt: existing?.firstSeenAt ?? timestamp, lastSeenAt: timestamp, attempts: attempts,
            nextAttemptAt: Timestamp.string(from: now.addingTimeInterval(delay(afterAttempts: attempts).timeInterval)))
    }

    /// Whether the page may be tried at `now`.
    public static func isDue(_ entry: QuarantinedPage, at now: Date) -> Bool {
        guard let next = Timestamp.date(from: entry.nextAttemptAt) else { return true }
        return next <= now
    }
}
