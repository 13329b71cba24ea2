import GRDB

/// Copies the WAL into the database file on a connection (and a thread) of its own while a walk commits, so the
/// one writer never stops for a checkpoint's two fsyncs.
///
/// Commits in WAL mode only append to the WAL. Left to itself the writer checkpoints inline once the WAL holds
/// `ArchiveStore.autocheckpointPages`: it syncs the WAL, copies the pages into the database file and syncs that,
/// and the walk waits for it. At 251,287 cables that was most of the time the walk stood still for the store
/// (`store_wait` ~8.5 s of a ~62 s backfill); with the fsyncs gone altogether (`synchronous = OFF`, not crash-safe,
/// measured only to find the cause) the backfill took 54 s. A passive checkpoint on a second connection takes no
/// lock the writer needs, so the writer goes on committing while it runs. Durability is unchanged: the same syncs
/// happen, on another thread. Measured with it: `store_wait` ~1 s.
///
/// The WAL restarts from its beginning only at a commit that finds every frame checkpointed. During a backfill the
/// writer always has the next batch waiting, so that is rare: the WAL file grows to the writer's backstop
/// (`ArchiveStore.backstopCheckpointPages`, 256 MiB; ~280 MB observed), where the writer's own checkpoint, with
/// little left to copy, restarts it. Keeping the writer's threshold at 4,096 pages bounded it at ~127 MB but was
/// no faster (67.8 / 71.3 s against 61.5 / 70.5 s, interleaved full-scale runs on a noisy hour).
///
/// One `run()` serves the requests; a request made while a checkpoint runs is folded into the next one.
public final class WALCheckpointer: Sendable {
    private let connection: DatabaseQueue?
    private let requests: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    /// A checkpointer on `connection`, a second read-write connection to the archive; without one (nil) requests
    /// do nothing and the writer keeps checkpointing inline.
    init(connection: DatabaseQueue?) {
        self.connection = connection
        (requests, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Whether checkpoints run in the background (the second connection opened).
    public var isActive: Bool { connection != nil }

    /// Asks for a checkpoint of everything committed so far. Never waits.
    public func request() {
        continuation.yield()
    }

    /// No more requests: `run()` returns once the checkpoint in progress and a request still pending are done.
    func finish() {
        continuation.finish()
    }

    /// Runs one passive checkpoint per (folded) request until `finish()`. A failed checkpoint (a full disk, an I/O
    /// error) is left to the writer, whose own checkpoint and commits report such errors; the next request tries
    /// again.
    func run() async {
        guard let connection else { return }
        for await _ in requests {
            _ = try? await connection.writeWithoutTransaction { db in
                try db.checkpoint(.passive)
            }
        }
    }
}
