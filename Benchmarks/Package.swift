// swift-tools-version:6.1
import PackageDescription

// Micro-benchmarks of cablewatch's page parsing, canonical text and hashes, run by ordo-one's benchmark plugin:
// `swift package --package-path Benchmarks benchmark` (see Benchmarks/README.md). A package of its own so that the
// root package's build and tests never resolve the benchmark dependencies.
let package = Package(
    name: "cablewatch-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "cablewatch", path: ".."),
        // Only the malloc interposer: the default RuntimeInterposer trait needs a package this machine lacks.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "PageParsing",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CablewatchCore", package: "cablewatch"),
                .product(name: "CablegateSim", package: "cablewatch"),
            ],
            path: "Benchmarks/PageParsing",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
