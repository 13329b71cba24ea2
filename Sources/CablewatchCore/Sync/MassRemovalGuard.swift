import Foundation

/// Holds back a cycle's removals when they are too many to trust: more than `minimum` cables and more than
/// `fraction` of the active archive. A broken build, a half-served site or markup drift can make most cables look
/// gone at once, while a real build removes a few (in the 22 real builds, at most 17 cables, 2.0 % of the archive).
/// Held removals are applied only when a later complete enumeration, at least `confirmAfter` later, finds exactly
/// the same set missing.
public struct MassRemovalGuard: Sendable, Equatable {
    /// Removals up to this many cables are never held.
    public var minimum: Int
    /// Removals up to this fraction of the active archive are never held.
    public var fraction: Double
    /// How long a held set must stay the same before it is applied (the poll interval).
    public var confirmAfter: Duration

    public init(minimum: Int = 25, fraction: Double = 0.02, confirmAfter: Duration = .seconds(15 * 60)) {
        self.minimum = minimum
        self.fraction = fraction
        self.confirmAfter = confirmAfter
    }

    /// The most removals one cycle applies without confirmation.
    public func limit(active: Int) -> Int {
        max(minimum, Int((Double(active) * fraction).rounded(.down)))
    }

    /// Removals held back and waiting for a confirming enumeration (kept in `syncState`).
    public struct Held: Sendable, Codable, Equatable {
        public static let syncStateKey = "sync.heldRemovals"

        public var count: Int
        /// SHA-256 of the sorted reference IDs, one per line.
        public var fingerprint: String
        public var since: Date

        public init(count: Int, fingerprint: String, since: Date) {
            self.count = count
            self.fingerprint = fingerprint
            self.since = since
        }
    }

    /// What to do with one complete enumeration's removals.
    public enum Decision: Sendable, Equatable {
        /// Remove them; any held set is cleared.
        case apply
        /// Keep them back; `newly` when this set was not held before (alert once).
        case hold(Held, newly: Bool)
    }

    /// Decides for `removals` (sorted) out of `active` archived cables, given what was held before.
    public func decide(removals: [String], active: Int, held: Held?, now: Date) -> Decision {
        guard removals.count > limit(active: active) else { return .apply }
        let fingerprint = ContentHasher.sha256Hex(Array(removals.joined(separator: "\n").utf8))
        if let held, held.fingerprint == fingerprint {
            if now.timeIntervalSince(held.since) >= confirmAfter.timeInterval { return .apply }
            return .hold(held, newly: false)
        }
        return .hold(Held(count: removals.count, fingerprint: fingerprint, since: now), newly: true)
    }
}
