/// The ordered hand-off between a walk, which fetches and parses batches of cables, and the one task that commits
/// them. At most `capacity` batches wait, so the walk can run that far ahead of SQLite (a slow commit — a WAL
/// checkpoint, a search-index merge — does not stall the downloads) while memory stays bounded by the depth of
/// the pipeline, not by the corpus.
///
/// One producer pushes and then finishes; one consumer takes items in push order until `next()` returns nil. A
/// consumer that must stop (its commit failed) closes the queue: waiting and later pushes are refused.
actor CommitQueue<Item: Sendable> {
    private let capacity: Int
    /// The waiting items, oldest first. A taken item leaves the array at once: the consumer may hold the only
    /// reference, so its memory goes when its commit ends, whether or not the queue ever drains.
    private var items: [Item] = []
    private var isFinished = false
    private var isClosed = false
    private var waitingConsumer: CheckedContinuation<Item?, Never>?
    private var waitingProducers: [CheckedContinuation<Void, Never>] = []

    /// A queue holding at most `capacity` (at least 1) waiting items.
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Hands `item` to the consumer, waiting while the queue is full. False when the consumer has closed the queue
    /// (the item is dropped).
    func push(_ item: Item) async -> Bool {
        while !isClosed && items.count >= capacity {
            await withCheckedContinuation { waitingProducers.append($0) }
        }
        guard !isClosed else { return false }
        precondition(!isFinished, "push after finish")
        if let consumer = waitingConsumer {
            waitingConsumer = nil
            consumer.resume(returning: item)
        } else {
            items.append(item)
        }
        return true
    }

    /// The producer is done: the consumer gets what is queued, then nil.
    func finish() {
        isFinished = true
        if let consumer = waitingConsumer {
            waitingConsumer = nil
            consumer.resume(returning: nil)
        }
    }

    /// The next item in push order, waiting for one; nil once the producer has finished and everything was taken.
    func next() async -> Item? {
        if !items.isEmpty {
            // At most `capacity` items wait, a handful, so removing the first is cheap.
            let item = items.removeFirst()
            resumeOneProducer()
            return item
        }
        if isFinished || isClosed { return nil }
        precondition(waitingConsumer == nil, "one consumer at a time")
        return await withCheckedContinuation { waitingConsumer = $0 }
    }

    /// The consumer stops: queued items are dropped, and waiting and later pushes return false.
    func close() {
        isClosed = true
        items.removeAll()
        let producers = waitingProducers
        waitingProducers = []
        for producer in producers { producer.resume() }
    }

    private func resumeOneProducer() {
        guard !waitingProducers.isEmpty else { return }
        waitingProducers.removeFirst().resume()
    }
}
