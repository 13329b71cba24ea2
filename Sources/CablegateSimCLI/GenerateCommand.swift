import ArgumentParser
import CablegateSim

#if canImport(Glibc)
    import Glibc
#endif

/// `cablegate-sim generate`: writes one build of the site as static files.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write one build of the site (or every build up to it, --keep-stale) as static files, e.g. for nginx."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "Output directory.")
    var out: String

    @Option(help: "Build to write (default: the final one).")
    var build: Int?

    @Flag(
        help: """
            Write builds 0 through --build in turn into --out, deleting nothing, each home page only at its era's \
            path: files a later build did not rewrite keep their older counter, as on the real mirrors.
            """)
    var keepStale = false

    @Option(
        help: ArgumentHelp(
            """
            Write each cable page as a real cable page from PATH (a page or a folder of them; repeatable) under the \
            simulated reference ID and path, for benchmark sites with real markup.
            """, valueName: "PATH"))
    var cablePagesFrom: [String] = []

    func run() throws {
        let start = monotonicSeconds()
        let target = build ?? (site.builds - 1)
        let simSite = SimSite(configuration: site.configuration, build: keepStale ? 0 : target)
        let summary: StaticSiteWriter.Summary
        var cloner: RealCablePageCloner?
        do {
            cloner = try cablePagesFrom.isEmpty ? nil : RealCablePageCloner(paths: cablePagesFrom)
            let writer = StaticSiteWriter(site: simSite, directory: out, realCablePages: cloner)
            summary = try keepStale ? writer.writeEveryBuild(through: target) : writer.write()
        } catch {
            throw ValidationError(error.description)
        }
        let elapsed = monotonicSeconds() - start
        print("build \(simSite.currentBuild): \(summary.pages) pages, \(summary.bytes) bytes total")
        print("cable pages: \(summary.cablePages), mean cable page size \(summary.meanCablePageBytes) bytes")
        if let cloner { print("cable pages cloned from \(cloner.templateCount) real pages") }
        print("counter \(simSite.counter.released) / \(simSite.counter.total), written in \(Int(elapsed * 1000)) ms")
    }

    private func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
