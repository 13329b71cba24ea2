import CablewatchCore
import CablewatchFetch
import CablewatchStore
import Foundation
import Logging
import Testing

@testable import CablewatchService

/// The real pages of the first build (2010-11-30, counter 291) laid out as a static mirror: what they hold decides
/// what a poll asks for, archives and sets aside — and a mirror that lacks most pages is never "ok".
@Suite(.serialized) struct RealSiteMirrorTests {
    static let realPages: URL = {
        if let configured = ProcessInfo.processInfo.environment["CABLEWATCH_REAL_PAGES"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        return WebhookReceiver.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/real-pages")
    }()
    static let available = FileManager.default.fileExists(
        atPath: realPages.appendingPathComponent("expected.json").path)

    /// Copies the build's pages to a temporary mirror at the paths the real site served them from (never into the
    /// project's tree).
    func layOutMirror() throws -> String {
        let root = NSTemporaryDirectory() + "cablewatch-mirror-\(UUID().uuidString)"
        let pages = [
            ("2010-11-30_c291-anarchivist-index.html", "index.html"),
            ("2010-11-30_c291-anarchivist-reldate_2010-11-28_0.html", "reldate/2010-11-28_0.html"),
            ("2010-11-30_c291-anarchivist-origin_1_0.html", "origin/1_0.html"),
        ]
        for (name, path) in pages {
            let target = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Self.realPages.appendingPathComponent(name).path, toPath: target)
        }
        return root
    }

    @Test(.enabled(if: Self.available, "SKIPPED: no real pages at \(Self.realPages.path) (set CABLEWATCH_REAL_PAGES)"))
    func aPollOfTheFirstRealBuildWalksWhatItsPagesSayAndSetsAsideWhatTheMirrorLacks() async throws {
        let root = try layOutMirror()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let mirror = try StaticMirror(root: root)
        defer { mirror.stop() }
        let store = try ArchiveStore(path: root + ".archive/archive.sqlite3")
        defer { try? FileManager.default.removeItem(atPath: root + ".archive") }
        let fetcher = try CurlFetcher(
            configuration: FetchConfiguration(
                allowedOrigin: mirror.baseURL, userAgent: "cablewatch-tests", connectTimeout: .seconds(5),
                timeout: .seconds(30), concurrency: 4, perHostDelay: .zero, maxBodyBytes: 16 * 1024 * 1024))
        defer { fetcher.shutdown() }
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let engine = try SyncEngine(
            store: store, fetcher: fetcher,
            options: SyncOptions(sourceURL: mirror.baseURL, homePath: "/index.html", revalidate: .zero),
            logger: logger)
        let runner = PollRunner(store: store, engine: engine, eventLog: nil, logger: logger)

        let result = await runner.pollOnce()
        let report = try #require(result.value, "\(String(describing: result.failure))")
        #expect(report.counter == ReleaseCounter(released: 291, total: 251_287))
        #expect(report.outcome == .partial, "a mirror that lacks most pages is never ok")

        // The sidebar names three days; the one listing page there says its day has five pages of which page 0
        // holds 50 cables. Every one of those is asked for, and nothing else.
        let requested = mirror.requests()
        let listingPaths = Set(requested.map(\.path).filter { $0.hasPrefix("/reldate/") })
        #expect(
            listingPaths
                == Set(
                    [
                        "2010-11-30_0", "2010-11-29_0", "2010-11-28_0", "2010-11-28_1", "2010-11-28_2", "2010-11-28_3",
                        "2010-11-28_4",
                    ].map { "/reldate/\($0).html" }))
        let cablePaths = Set(requested.map(\.path).filter { $0.hasPrefix("/cable/") })
        #expect(cablePaths.count == 50)
        #expect(cablePaths.contains("/cable/2009/08/09RIYADH1121.html"), "the listing's first row")
        #expect(requested.filter { $0.path.hasPrefix("/cable/") }.allSatisfy { $0.status == 404 })
        #expect(!requested.contains { $0.path.hasPrefix("/origin/") }, "other listings are not walked")

        // Nothing archived, nothing removed, and every page the mirror lacks is named with its 404.
        let status = try await store.status()
        #expect(status.archive.cables == 0)
        #expect(status.quarantine.count == 56)
        let pages = try await store.quarantinedPages()
        #expect(pages.allSatisfy { $0.reason.contains("HTTP 404") && $0.problem == .unfetchable })
        #expect(pages.filter { $0.kind == .cable }.compactMap(\.referenceId).contains("08CAIRO1067"), "the last row")
        let verdict = ServiceHealthVerdict(
            hasPolled: true, consecutiveFailures: status.health.consecutiveFailures, failuresBeforeAlert: 3,
            heartbeat: nil, now: Date(), problems: status.problems, quarantinedPages: status.quarantine.count)
        #expect(verdict == .degraded)
        #expect(try await store.events(afterSeq: 0).filter { $0.type == "cable.removed" }.isEmpty)
    }
}
