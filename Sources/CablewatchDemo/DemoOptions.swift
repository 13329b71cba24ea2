import Foundation

/// What `cablewatch demo` simulates: the size and pace of the bundled source, and when to stop.
public struct DemoOptions: Sendable, Equatable {
    /// Cables in the simulated corpus (all released by the last build, minus removals).
    public var cables: Int
    /// Builds (releases) the demo shows, the baseline included: the source starts at build 1 of a schedule of
    /// `builds + 1` (skipping the token build 0) and publishes builds 2...`builds`.
    public var builds: Int
    /// Time between two published builds.
    public var interval: Duration
    /// Port of the simulated source on 127.0.0.1 (0: an ephemeral one).
    public var port: Int
    /// Seed of the simulated corpus and schedule.
    public var seed: UInt64
    /// Stop on its own once the last build is archived and its alerts are delivered (instead of waiting for a
    /// signal).
    public var exitAfterLastBuild: Bool
    /// Where the throwaway folder is created (default: the system's temporary folder).
    public var parentDirectory: String

    public init(
        cables: Int = 3000, builds: Int = 8, interval: Duration = .seconds(4), port: Int = 0, seed: UInt64 = 2010,
        exitAfterLastBuild: Bool = false, parentDirectory: String = NSTemporaryDirectory()
    ) {
        self.cables = cables
        self.builds = builds
        self.interval = interval
        self.port = port
        self.seed = seed
        self.exitAfterLastBuild = exitAfterLastBuild
        self.parentDirectory = parentDirectory
    }
}
