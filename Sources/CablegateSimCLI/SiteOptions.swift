import ArgumentParser
import CablegateSim

/// Options shared by `serve` and `generate`: corpus size, seed and release history.
struct SiteOptions: ParsableArguments {
    @Option(help: "Number of cables in the corpus.")
    var cables: Int = 2000

    @Option(help: "Seed of the corpus and the release history.")
    var seed: UInt64 = 1

    @Option(help: "Number of builds (releases) in the history.")
    var builds: Int = 20

    @Option(help: "Total shown in the counter (default: --cables).")
    var total: Int?

    @Option(help: "Builds 0..<N use the earliest site format (monthly release listings, no Released column).")
    var legacyBuilds: Int = 0

    @Option(help: "The last build lists exactly N new cables (and removes and re-adds none; needs --builds >= 3).")
    var finalAdds: Int?

    @Option(help: "The last build edits exactly N released cables, each moved to the new release day.")
    var finalChanges: Int?

    @Option(
        help: ArgumentHelp(
            "Render every build's sidebar release days in form a, b or c (default: the form of the build's day).",
            valueName: "a|b|c"),
        transform: { text in
            guard let form = SidebarForm(rawValue: text.lowercased()) else {
                throw ValidationError("--sidebar-form must be a, b or c, not '\(text)'")
            }
            return form
        })
    var sidebarForm: SidebarForm?

    var configuration: SimSiteConfiguration {
        let plan: SimFinalBuildPlan? =
            finalAdds == nil && finalChanges == nil
            ? nil : SimFinalBuildPlan(added: finalAdds ?? 0, changed: finalChanges ?? 0)
        return SimSiteConfiguration(
            cables: cables, seed: seed, builds: builds, advertisedTotal: total, legacyBuilds: legacyBuilds,
            finalBuild: plan, sidebarForm: sidebarForm)
    }

    mutating func validate() throws {
        if finalAdds != nil || finalChanges != nil {
            guard builds >= 3 else { throw ValidationError("--final-adds/--final-changes need --builds 3 or more") }
            guard (finalAdds ?? 0) >= 0, (finalChanges ?? 0) >= 0 else {
                throw ValidationError("--final-adds and --final-changes must not be negative")
            }
        }
    }
}
