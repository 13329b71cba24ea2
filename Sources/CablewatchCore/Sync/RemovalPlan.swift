import Foundation

/// What a complete enumeration concludes about archived cables its listings no longer hold: which are removed now,
/// and which the mass-removal guard holds back (DESIGN.md §3.1, step 4).
public struct RemovalPlan: Sendable, Equatable {
    /// Cables to mark removed in this cycle, sorted.
    public var removed: [String]
    /// Whether the listings hold enough of what the counter claims to conclude removals at all.
    public var corroborated: Bool
    /// The removals the guard holds back, when it does.
    public var held: MassRemovalGuard.Held?
    /// The guard's sync state, and its `source.anomaly massRemovalHeld` when it holds a set for the first time.
    public var changes: ArchiveChanges

    public init(removed: [String], corroborated: Bool, held: MassRemovalGuard.Held?, changes: ArchiveChanges) {
        self.removed = removed
        self.corroborated = corroborated
        self.held = held
        self.changes = changes
    }

    /// Plans the removals of an enumeration that fetched and parsed every listing page, read while the home page
    /// showed `counter`. A counter of 0 never removes anything.
    public static func plan(
        active: Set<String>, listed: Set<String>, counter: ReleaseCounter, policy: MassRemovalGuard,
        held: MassRemovalGuard.Held?, now: Date
    ) -> RemovalPlan {
        let corroborated = ListingWalkPlan.removalsAreCorroborated(listed: listed.count, counter: counter)
        let missing =
            corroborated && counter.released > 0 ? ListingWalkPlan.removals(active: active, listed: listed) : []
        var changes = ArchiveChanges()
        let key = MassRemovalGuard.Held.syncStateKey
        guard !missing.isEmpty else {
            changes.syncState[key] = ""
            return RemovalPlan(removed: [], corroborated: corroborated, held: nil, changes: changes)
        }
        switch policy.decide(removals: missing, active: active.count, held: held, now: now) {
        case .apply:
            changes.syncState[key] = ""
            return RemovalPlan(removed: missing, corroborated: corroborated, held: nil, changes: changes)
        case .hold(let kept, let newly):
            changes.syncState[key] = StateJSON.encode(kept)
            if newly {
                changes.events.append(
                    PendingEvent(
                        .sourceAnomaly,
                        SourceAnomalyData(
                            kind: .massRemovalHeld,
                            details:
                                "\(missing.count) of \(active.count) archived cables are missing from a complete "
                                + "enumeration, more than the \(policy.limit(active: active.count)) one cycle may "
                                + "remove; held until a complete enumeration at least \(policy.confirmAfter) later "
                                + "finds the same set missing")))
            }
            return RemovalPlan(removed: [], corroborated: corroborated, held: kept, changes: changes)
        }
    }

    /// The removals, each with its `cable.removed` carrying the cable's last content hash (`lastSHA256`, by
    /// reference ID).
    public func removalChanges(lastSHA256: [String: String]) -> ArchiveChanges {
        var changes = ArchiveChanges()
        for referenceId in removed {
            changes.removals.append(referenceId)
            changes.events.append(
                PendingEvent(
                    .cableRemoved, CableRemovedData(referenceId: referenceId, lastSHA256: lastSHA256[referenceId] ?? "")
                ))
        }
        return changes
    }
}
