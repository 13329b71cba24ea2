/// How big the simulated site is and how it behaves; every field has a sensible default.
public struct SimSiteConfiguration: Sendable, Hashable {
    /// Number of cables in the corpus (all of them are released by the final build, minus removals).
    public var cables: Int
    /// Seed of every random decision.
    public var seed: UInt64
    /// Number of builds (releases) in the history.
    public var builds: Int
    /// The total shown after the `/` in the counter; defaults to `cables`.
    public var advertisedTotal: Int?
    /// Serve the last page of a removed cable (with its old counter) instead of 404, like a rebuilt site leaving files.
    public var serveStaleRemovedPages: Bool
    /// Builds `0..<legacyBuilds` use the earliest site format: monthly `/reldate/YYYY-MM_P.html` listings, no
    /// Released column, and a four-column cable metadata table (DESIGN.md §2.1). Default 0: none.
    public var legacyBuilds: Int
    /// An exact last build (so many new cables, so many edits, nothing removed); nil for the usual random one.
    public var finalBuild: SimFinalBuildPlan?
    /// Renders every build's sidebar release days in this form; nil (the default) for the form of the build's release
    /// day: A to 2010-11-30, B to 2011-01-31, C after (DESIGN.md §2.1). The form brings its era's page frame.
    public var sidebarForm: SidebarForm?

    public init(
        cables: Int = 300, seed: UInt64 = 1, builds: Int = 20, advertisedTotal: Int? = nil,
        serveStaleRemovedPages: Bool = true, legacyBuilds: Int = 0, finalBuild: SimFinalBuildPlan? = nil,
        sidebarForm: SidebarForm? = nil
    ) {
        self.sidebarForm = sidebarForm
        self.legacyBuilds = legacyBuilds
        self.finalBuild = finalBuild
        self.cables = cables
        self.seed = seed
        self.builds = builds
        self.advertisedTotal = advertisedTotal
        self.serveStaleRemovedPages = serveStaleRemovedPages
    }
}
