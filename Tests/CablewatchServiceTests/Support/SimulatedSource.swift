import CablegateSim
import CablewatchCore
import CablewatchFetch
import CablewatchStore
import Foundation
import Logging

@testable import CablewatchService

/// A `cablegate-sim` site served on 127.0.0.1, a throwaway archive, and a real libcurl fetcher wired to the real
/// sync engine: the whole poll path with nothing mocked.
final class SimulatedSource: Sendable {
    let site: SimSite
    let server: SimServer
    let directory: String
    let store: ArchiveStore
    let fetcher: CurlFetcher
    let runner: PollRunner
    let engine: SyncEngine

    init(
        cables: Int, builds: Int = 14, seed: UInt64 = 42, revalidate: Duration = .zero,
        timeout: Duration = .seconds(10), maxBodyBytes: Int = 16 * 1024 * 1024, concurrency: Int = 4,
        massRemoval: MassRemovalGuard = MassRemovalGuard(), sidebarForm: SidebarForm? = nil
    ) throws {
        site = SimSite(
            configuration: SimSiteConfiguration(cables: cables, seed: seed, builds: builds, sidebarForm: sidebarForm))
        server = try SimServer(site: site, port: 0)
        server.start()
        directory = NSTemporaryDirectory() + "cablewatch-sync-\(UUID().uuidString)"
        store = try ArchiveStore(path: directory + "/archive.sqlite3")
        fetcher = try CurlFetcher(
            configuration: FetchConfiguration(
                allowedOrigin: server.baseURL, userAgent: "cablewatch-tests", connectTimeout: .seconds(2),
                timeout: timeout, concurrency: concurrency, perHostDelay: .zero, maxBodyBytes: maxBodyBytes))
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        engine = try SyncEngine(
            store: store, fetcher: fetcher,
            options: SyncOptions(
                sourceURL: server.baseURL, revalidate: revalidate, concurrency: concurrency, massRemoval: massRemoval),
            logger: logger)
        runner = PollRunner(store: store, engine: engine, eventLog: nil, logger: logger)
    }

    /// One recorded poll, as `cablewatch poll` runs it.
    func poll() async -> Result<SyncReport, SyncError> {
        await runner.pollOnce()
    }

    /// Archive contents: active reference ID → current content hash.
    func archivedHashes() async throws -> [String: String] {
        let ids = try await store.activeReferenceIds()
        return try await store.cableStates(Array(ids)).mapValues(\.contentSHA256)
    }

    /// The `data` of every `source.anomaly` of `kind` committed so far.
    func anomalies(kind: String) async throws -> [[String: Any]] {
        try await store.events(afterSeq: 0).filter { $0.type == "source.anomaly" }
            .compactMap { (try JSONSerialization.jsonObject(with: Data($0.json.utf8)) as? [String: Any])?["data"] }
            .compactMap { $0 as? [String: Any] }
            .filter { $0["kind"] as? String == kind }
    }

    /// What `cablewatch status` would say of the archive now (CLI-only use: no daemon heartbeat).
    func verdict() async throws -> ServiceHealthVerdict {
        let status = try await store.status()
        return ServiceHealthVerdict(
            hasPolled: status.lastPoll != nil, consecutiveFailures: status.health.consecutiveFailures,
            failuresBeforeAlert: 3, heartbeat: nil, now: Date(), problems: status.problems,
            quarantinedPages: status.quarantine.count)
    }

    /// The simulator's released set: reference ID → canonical hash.
    func releasedHashes() -> [String: String] {
        site.releasedSet().mapValues(\.contentSHA256)
    }

    func shutdown() {
        fetcher.shutdown()
        server.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

extension Result {
    /// The success value, or a test failure message.
    var value: Success? {
        if case .success(let value) = self { return value }
        return nil
    }

    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// Decodes the `data` object of committed events.
enum EventData {
    static func object(_ event: EventEnvelope) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(event.dataJSON.utf8))) as? [String: Any] ?? [:]
    }

    static func referenceIds(_ events: [EventEnvelope], type: EventType) -> Set<String> {
        Set(events.filter { $0.type == type.rawValue }.compactMap { object($0)["referenceId"] as? String })
    }
}
