import CablewatchStore
import Logging

/// `cablewatch poll`: one recorded poll, wired by `PollEngine` as the daemon's are, that then brings the event log
/// up to date and delivers what is due to the webhooks. It holds the archive's writer lock from before the archive
/// is opened until everything is released, so it never runs beside a `run` or another `poll`.
public enum OneShotPoll {
    /// Runs one poll. Throws what stops it from starting, unwrapped so the caller can word it: an
    /// `ArchiveWriterLockError` when another `run` or `poll` writes the archive, the archive's or the event log's
    /// own error, or a `DaemonError` for the HTTP clients. A failed cycle is recorded and returned, not thrown.
    public static func run(
        configuration: CablewatchConfiguration, configPath: String = "", environment: [String: String] = [:],
        logger: Logger, progress: (@Sendable (SyncProgress) -> Void)? = nil
    ) async throws -> Result<SyncReport, SyncError> {
        let claim = try await ArchiveWriterClaim.take(
            configuration.storage, node: configuration.cluster.effectiveNodeName, configPath: configPath,
            environment: environment, logger: logger)
        do {
            let store = try await configuration.storage.openArchive(
                mode: .readWrite, fence: claim.fence, configPath: configPath, environment: environment,
                logger: logger)
            do {
                let result = try await poll(configuration, store: store, logger: logger, progress: progress)
                await store.close()
                await claim.release()
                return result
            } catch {
                await store.close()
                throw error
            }
        } catch {
            await claim.release()
            throw error
        }
    }

    private static func poll(
        _ configuration: CablewatchConfiguration, store: any ArchiveStoring, logger: Logger,
        progress: (@Sendable (SyncProgress) -> Void)?
    ) async throws -> Result<SyncReport, SyncError> {
        var eventLog: EventLogPump?
        if let path = configuration.events.log {
            eventLog = try await EventLogPump.open(path: path, store: store, logger: logger)
        }
        let engine = try PollEngine(
            configuration: configuration, store: store, eventLog: eventLog, deliversWebhooks: true,
            logsFailedPoll: false, logger: logger)
        let result = await engine.runner.pollOnce(progress: progress)
        await engine.stop()
        return result
    }
}
