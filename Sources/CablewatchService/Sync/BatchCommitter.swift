import CablewatchCore
import CablewatchStore
import Foundation

/// The committing end of a listing walk's pipeline: one child task that commits the walk's batches in walk order
/// while the walk fetches the next ones, outside the cycle's state.
struct BatchCommitter: Sendable {
    /// What the committing task did: the events of the batches it committed, and the failure that stopped it.
    struct Committed: Sendable {
        var events: [EventEnvelope] = []
        var failure: SyncError?
    }

    let store: any ArchiveStoring
    let now: @Sendable () -> Date
    let source: String
    /// Whether each commit waits for its fsync.
    let durable: Bool

    /// Commits the queued batches one by one, in order, until the walk finishes or a commit fails; asks
    /// `checkpointer` for a WAL checkpoint after each commit, and returns the batch's freed memory to the kernel.
    func commitInOrder(from queue: CommitQueue<ArchiveChanges>, checkpointer: WALCheckpointer) async -> Committed {
        var committed = Committed()
        while let changes = await queue.next() {
            do {
                committed.events += try await store.commit(
                    consume changes, at: now(), source: source, durable: durable)
                checkpointer.request()
                await AllocatorTrim.returnFreePages()
            } catch {
                committed.failure = SyncError(.store(error))
                await queue.close()
                return committed
            }
        }
        return committed
    }
}
