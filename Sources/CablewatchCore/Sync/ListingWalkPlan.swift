/// Which release days a cycle walks, given the sidebar and what earlier cycles finished.
public enum ListingWalkPlan {
    /// The days to walk, newest first: every day when enumerating fully; otherwise the days never walked or left
    /// incomplete (an interrupted backfill) plus the `newest` most recent days, which may still be growing.
    public static func days(
        sidebar: [ReleaseDay], completeDays: Set<String>, newest: Int = 2, fullEnumeration: Bool
    ) -> [ReleaseDay] {
        let ordered = Array(Set(sidebar)).sorted(by: >)
        if fullEnumeration { return ordered }
        let recent = Set(ordered.prefix(newest))
        return ordered.filter { recent.contains($0) || !completeDays.contains($0.key) }
    }

    /// Whether the archive disagrees with the counter, so a full enumeration must settle it.
    public static func needsReconciliation(counter: ReleaseCounter, activeCables: Int) -> Bool {
        counter.released != activeCables
    }

    /// Whether a complete enumeration is trustworthy enough to mark cables removed: the listings must hold at least
    /// 90% of what the counter claims. A listing format change that parses to few rows must never empty the archive.
    public static func removalsAreCorroborated(listed: Int, counter: ReleaseCounter) -> Bool {
        listed * 10 >= counter.released * 9
    }

    /// Archived cables missing from a complete enumeration, sorted. Only call after every listing page of every
    /// release day was fetched and parsed.
    public static func removals(active: Set<String>, listed: Set<String>) -> [String] {
        active.subtracting(listed).sorted()
    }
}
