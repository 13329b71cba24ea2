/// The first decision of a cycle, taken from the home page response alone.
public enum HomeCheck: Sendable, Equatable {
    /// Nothing to do: the cycle ends after this one request.
    case unchanged
    /// Walk the source. `newBuild` is true when the home page was re-served (a rebuilt site).
    case proceed(newBuild: Bool)

    /// Decides from the response and the archive's bookkeeping.
    /// - Parameters:
    ///   - notModified: the conditional GET answered 304.
    ///   - sameBody: a 200 whose body hash equals the home page the last cycle that read it to the end kept (a cycle
    ///     that left pages in quarantine keeps it too, though it does not count as complete).
    ///   - lastCycleComplete: the previous cycle finished (no interrupted backfill or failed walk to resume).
    ///   - revalidationDue: some archived cable is older than the revalidation period.
    ///   - revalidateEveryBuild: `poll.revalidate` is 0s.
    public static func decide(
        notModified: Bool, sameBody: Bool, lastCycleComplete: Bool, revalidationDue: Bool, revalidateEveryBuild: Bool
    ) -> HomeCheck {
        // An incomplete cycle is resumed in full; it is a new build only if the home page is not the one kept, whose
        // build the cycle that kept it already revalidated.
        guard lastCycleComplete else { return .proceed(newBuild: !notModified && !sameBody) }
        if notModified { return revalidationDue ? .proceed(newBuild: false) : .unchanged }
        if sameBody && !revalidateEveryBuild && !revalidationDue { return .unchanged }
        return .proceed(newBuild: true)
    }
}
