import Benchmark
import CablewatchCore

/// Page markup processed per second, timed around each iteration (the plugin's `throughput` counts iterations).
let bytesPerSecond = BenchmarkMetric.custom("bytes/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    // How far a run may fall behind the checked-in p90 thresholds (Benchmarks/Thresholds) before
    // `benchmark thresholds check` calls it a regression: the shared 2-core hosts vary by a tenth between runs.
    let tolerances: [BenchmarkMetric: BenchmarkThresholds] = [
        .wallClock: .init(relative: [.p90: 25]),
        .cpuTotal: .init(relative: [.p90: 25]),
        .throughput: .init(relative: [.p90: 25]),
        bytesPerSecond: .init(relative: [.p90: 25]),
        .mallocCountTotal: .init(relative: [.p90: 2]),
    ]
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, bytesPerSecond],
        warmupIterations: 1,
        maxDuration: .seconds(5),
        maxIterations: 40,
        thresholds: tolerances
    )

    Benchmark("parse-simulated-pages") { benchmark in
        let pages = PageSet.simulated
        benchmark.measureBytes(pages.byteCount) {
            for page in pages.pages { blackHole(try? PageParser.parse(page.bytes)) }
        }
    } setup: {
        try PageSet.simulated.checkEveryPageParses()
    }

    let real = PageSet.realPagesDirectory
    if !real.exists {
        print("PageParsing: no real pages at \(real.path): 'parse-real-pages' skipped")
    }
    Benchmark("parse-real-pages", configuration: .init(skip: !real.exists)) { benchmark in
        let pages = PageSet.real
        benchmark.measureBytes(pages.byteCount) {
            for page in pages.pages { blackHole(try? PageParser.parse(page.bytes)) }
        }
    } setup: {
        try PageSet.real.checkEveryPageParses()
    }

    // What a backfill does with each fetched page: parseCable (the metadata, canonical text and the three hashes).
    Benchmark("parse-real-cable-pages", configuration: .init(skip: !real.exists)) { benchmark in
        let pages = PageSet.realCablePages
        benchmark.measureBytes(pages.byteCount) {
            for page in pages.pages { blackHole(try? PageParser.parseCable(page.bytes)) }
        }
    } setup: {
        try PageSet.realCablePages.checkEveryPageParses()
    }

    Benchmark("canonicalise-simulated-cable-text") { benchmark in
        let blocks = PageSet.simulatedPreBlocks
        benchmark.measureBytes(blocks.reduce(0) { $0 + $1.count }) {
            for block in blocks { blackHole(CanonicalText.canonicalBlock(block)) }
        }
    } setup: {
        _ = PageSet.simulatedPreBlocks
    }

    Benchmark("hash-simulated-cables") { benchmark in
        let cables = PageSet.simulatedCables
        benchmark.measureBytes(cables.reduce(0) { $0 + $1.rawPage.count }) {
            for cable in cables {
                blackHole(ContentHasher.hashes(header: cable.header, body: cable.body, rawPage: cable.rawPage))
            }
        }
    } setup: {
        _ = PageSet.simulatedCables
    }
}

extension Benchmark {
    /// Runs `work` once per scaled iteration and records how many bytes a second that was.
    func measureBytes(_ bytes: Int, _ work: () -> Void) {
        let clock = ContinuousClock()
        for _ in scaledIterations {
            let elapsed = clock.measure(work)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if seconds > 0 { measurement(bytesPerSecond, Int(Double(bytes) / seconds)) }
        }
    }
}
