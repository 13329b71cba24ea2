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

    var configuration: SimSiteConfiguration {
        SimSiteConfiguration(
            cables: cables, seed: seed, builds: builds, advertisedTotal: total, legacyBuilds: legacyBuilds)
    }
}
