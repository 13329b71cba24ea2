import Synchronization

/// A flag a transfer's progress callback polls; set on task cancellation or shutdown to abort the transfer.
final class TransferCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    /// True once `cancel()` ran.
    var isCancelled: Bool { flag.load(ordering: .acquiring) }

    /// Asks the transfer to stop at its next progress callback.
    func cancel() { flag.store(true, ordering: .releasing) }
}
