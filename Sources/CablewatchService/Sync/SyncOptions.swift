import CablewatchCore

/// What the sync engine needs from the configuration.
public struct SyncOptions: Sendable {
    /// Base URL of the source, e.g. `http://127.0.0.1:8080`.
    public var sourceURL: String
    /// Path of the home page, e.g. `/cablegate.html`.
    public var homePath: String
    /// Every archived cable is re-fetched at least once per this period; zero means on every new build.
    public var revalidate: Duration
    /// Emit one `cable.added` per cable on the first sync as well as `sync.baseline`.
    public var baselinePerCable: Bool
    /// Cable pages fetched at once.
    public var concurrency: Int
    /// The newest release days re-walked on every cycle.
    public var newestDaysRewalked: Int
    /// When a complete enumeration's removals are too many to apply without confirmation.
    public var massRemoval: MassRemovalGuard

    public init(
        sourceURL: String, homePath: String = "/cablegate.html", revalidate: Duration = .seconds(86_400),
        baselinePerCable: Bool = false, concurrency: Int = 4, newestDaysRewalked: Int = 2,
        massRemoval: MassRemovalGuard = MassRemovalGuard()
    ) {
        self.massRemoval = massRemoval
        self.sourceURL = sourceURL
        self.homePath = homePath
        self.revalidate = revalidate
        self.baselinePerCable = baselinePerCable
        self.concurrency = concurrency
        self.newestDaysRewalked = newestDaysRewalked
    }
}
