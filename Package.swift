// swift-tools-version:6.2
import PackageDescription

// The commit `--version` names, given at build time without a network: scripts/test.sh and scripts/build-release.sh
// set BUILD_COMMIT (`git describe --always --dirty`); a plain `swift build` says "unknown commit". Only
// CBuildCommit's one C file sees it, so a new commit recompiles that file and relinks, nothing more.
let buildCommit = Context.environment["BUILD_COMMIT"].flatMap { commit in
    commit.isEmpty || !commit.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        ? nil : commit
}

let package = Package(
    name: "cablewatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cablewatch", targets: ["CablewatchCLI"]),
        .executable(name: "cablewatch-demo", targets: ["CablewatchDemo"]),
        .executable(name: "cablegate-sim", targets: ["CablegateSimCLI"]),
        .library(name: "CablewatchCore", targets: ["CablewatchCore"]),
        .library(name: "CablegateSim", targets: ["CablegateSim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // Pure core: models, parsers, canonicalisation, hashing, planning. No I/O.
        .target(
            name: "CablewatchCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // libcurl, quarantined: only CablewatchFetch imports it. No `pkgConfig:` here or on CZlib: it would put
        // `-L/usr/lib/<arch>` first on the link's library path, where scripts/build-release.sh must put the directory
        // of the archives it links statically. Debian's headers are on the default include path.
        .systemLibrary(
            name: "CCurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // glibc's <malloc.h>, for `malloc_trim` after each batch commit (AllocatorTrim).
        .systemLibrary(name: "CMalloc"),
        // zlib for the simulator's gzip responses.
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "CablewatchFetch",
            dependencies: [
                "CablewatchCore", "CCurl",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "CablewatchStore",
            dependencies: [
                "CablewatchCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The PostgreSQL archive behind the same `ArchiveStoring` interface: only the service wiring imports it.
        .target(
            name: "CablewatchPostgres",
            dependencies: [
                "CablewatchCore", "CablewatchStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The event log file and webhook delivery; the delivery outbox is CablewatchStore's.
        .target(
            name: "CablewatchNotify",
            dependencies: [
                "CablewatchCore", "CablewatchStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "CablewatchService",
            dependencies: [
                "CablewatchCore", "CablewatchFetch", "CablewatchStore", "CablewatchPostgres", "CablewatchNotify",
                .target(name: "CMalloc", condition: .when(platforms: [.linux])),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // The commit for `--version` (BUILD_COMMIT above).
        .target(
            name: "CBuildCommit",
            cSettings: buildCommit.map { [.define("CABLEWATCH_BUILD_COMMIT", to: "\"\($0)\"")] } ?? []
        ),
        .executableTarget(
            name: "CablewatchCLI",
            dependencies: [
                "CablewatchCore", "CablewatchService", "CablewatchStore", "CablewatchFetch", "CablewatchNotify",
                "CBuildCommit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `cablewatch demo`: the simulated site, the daemon's services and a webhook receiver in one process. An
        // executable of its own, which `cablewatch demo` runs, so that `cablewatch` does not link the simulator.
        .executableTarget(
            name: "CablewatchDemo",
            dependencies: [
                "CablewatchService", "CablewatchCore", "CablewatchStore", "CablewatchNotify", "CablegateSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The simulated cablegate site: corpus, renderer, release schedule, HTTP server, faults.
        .target(
            name: "CablegateSim",
            dependencies: [
                "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "CablegateSimCLI",
            dependencies: [
                "CablegateSim", "CBuildCommit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CablewatchCoreTests",
            dependencies: ["CablewatchCore", "CablegateSim", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "CablewatchFetchTests", dependencies: ["CablewatchFetch", "CablewatchCore"],
            exclude: ["Support/test_server.py"]
        ),
        .testTarget(
            name: "CablewatchStoreTests",
            dependencies: [
                "CablewatchStore", "CablewatchCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .testTarget(name: "CablewatchNotifyTests", dependencies: ["CablewatchNotify", "CablewatchCore"]),
        .testTarget(
            name: "CablewatchServiceTests",
            dependencies: [
                "CablewatchService", "CablewatchCore", "CablegateSim", "CablewatchFetch", "CablewatchStore",
                "CablewatchNotify", "CablewatchPostgres", .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Support/webhook_receiver.py", "Support/static_mirror.py"]
        ),
        .testTarget(name: "CablegateSimTests", dependencies: ["CablegateSim"]),
    ]
)
