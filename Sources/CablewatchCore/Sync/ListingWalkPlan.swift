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

    /// Listing pages walked (and committed) as one batch after a day's first page. Fewer, larger commits dirty each
    /// random index leaf (cable, revision, event ids) fewer times, so a backfill writes less to disk, and the batch
    /// waiting in the commit queue lets the downloads go on through a commit that also indexes a search batch; the
    /// memory it takes is bounded by the listing's page size, not by the corpus.
    public static let pagesPerBatch = 32

    /// The pages of a day to fetch together from `page` on: page 0 alone (it tells how many pages the day has), then
    /// up to `pagesPerBatch` pages, never past `lastPage` as known so far.
    public static func batch(from page: Int, lastPage: Int) -> ClosedRange<Int> {
        page...max(page, min(lastPage, page + (page == 0 ? 0 : pagesPerBatch - 1)))
    }

    /// The checkpoint a batch commits for its day, walked through page `walked` of `lastPage`: once the last page is
    /// walked the day is complete unless a page or cable of it is in quarantine (so later cycles walk it again);
    /// before that, an incomplete checkpoint goes only with a batch that writes something.
    public static func checkpoint(
        day: String, walked: Int, lastPage: Int, rows: Int, pagesMissing: Bool, batchWrites: Bool
    ) -> ReleaseDayState? {
        if walked >= lastPage {
            return ReleaseDayState(key: day, lastPage: lastPage, rows: rows, complete: !pagesMissing)
        }
        return batchWrites ? ReleaseDayState(key: day, lastPage: lastPage, rows: rows, complete: false) : nil
    }
}
