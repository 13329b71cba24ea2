import GRDB
import Synchronization

/// Copies the WAL into the database file on a connection (and a thread) of its own while a walk commits, so the
/// one writer never stops for a checkpoint's two fsyncs.
///
/// Commits in WAL mode only append to the WAL. Left to itself the writer checkpoints inline once the WAL holds
/// `ArchiveStore.autocheckpointPages`: it syncs the WAL, copies the pages into the database file and syncs that,
/// and the walk waits for it: those fsyncs are most of the time a backfill's walk stands still for the store. A
/// passive checkpoint on a second connection takes no lock the writer needs, so the writer goes on committing while
/// it runs. Durability is unchanged: the same syncs happen, on another thread.
///
/// The WAL restarts from its beginning only at a commit that finds every frame checkpointed. During a backfill the
/// writer always has the next batch waiting, so that is rare: the WAL file grows to the writer's backstop
/// (`ArchiveStore.backstopCheckpointPages`, 256 MiB), where the writer's own checkpoint, with little left to copy,
/// restarts it. A lower backstop would bound the WAL tighter but bring the checkpoints back onto the writer.
///
/// One `run()` serves the requests; a request made while a checkpoint runs is folded into the next one.
///
/// A failed checkpoint (a full disk, an I/O error) costs nothing but time: the writer's own checkpoints and commits
/// go on and report such errors themselves. It is still counted, with its error, in `failures`, which the scope's
/// owner logs: an operator should hear that checkpoints moved back onto the writer, and why.
public final class WALCheckpointer: Sendable {
    /// What went wrong with background checkpoints in one scope.
    public struct Failures: Sendable, Equatable {
        /// Checkpoints that failed.
        public var checkpoints = 0
        /// The last error of the scope: a failed checkpoint, the checkpoint connection that did not open, or the
        /// writer's threshold that could not be restored. Nil when nothing failed.
        public var lastError: String?

        /// Nothing failed.
        public var isEmpty: Bool { checkpoints == 0 && lastError == nil }
    }

    private let connection: DatabaseQueue?
    private let requests: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let recorded: Mutex<Failures>

    /// A checkpointer on `connection`, a second read-write connection to the archive; without one (nil) requests
    /// do nothing and the writer keeps checkpointing inline. `unavailable` says why there is no connection, when
    /// that is a failure (a read-only archive has none by design).
    init(connection: DatabaseQueue?, unavailable: String? = nil) {
        self.connection = connection
        (requests, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        recorded = Mutex(Failures(checkpoints: 0, lastError: unavailable))
    }

    /// A checkpointer that does nothing, for an archive whose database needs no checkpoints of ours.
    package static func inactive() -> WALCheckpointer { WALCheckpointer(connection: nil) }

    /// The failures so far; complete once the scope (`ArchiveStore.withBackgroundCheckpoints`) has ended.
    public var failures: Failures { recorded.withLock { $0 } }

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

    /// Runs one passive checkpoint per (folded) request until `finish()`. A failed checkpoint is recorded in
    /// `failures` and otherwise left to the writer; the next request tries again.
    func run() async {
        guard let connection else { return }
        for await _ in requests {
            do {
                _ = try await connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            } catch {
                recorded.withLock { failures in
                    failures.checkpoints += 1
                    failures.lastError = "\(error)"
                }
            }
        }
    }

    /// Records a failure around the checkpoints (the writer's threshold not restored) as the scope's last error.
    func recordScopeFailure(_ error: String) {
        recorded.withLock { $0.lastError = error }
    }
}
