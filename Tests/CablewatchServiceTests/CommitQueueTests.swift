import Testing

@testable import CablewatchService

/// Records, in order, what the producer side of a test did, so a test can tell whether a push had to wait.
private actor Timeline {
    private(set) var entries: [String] = []
    func note(_ entry: String) { entries.append(entry) }
}

@Test func itemsComeOutInPushOrderThenNilOnceFinished() async {
    let queue = CommitQueue<Int>(capacity: 2)
    let taken = await withTaskGroup(of: [Int].self) { group in
        group.addTask {
            var taken: [Int] = []
            while let item = await queue.next() { taken.append(item) }
            return taken
        }
        for item in 1...50 { #expect(await queue.push(item)) }
        await queue.finish()
        return await group.next() ?? []
    }
    #expect(taken == Array(1...50))
    #expect(await queue.next() == nil)
}

@Test func aPushWaitsWhileTheQueueIsFullAndResumesWhenTheConsumerTakesOne() async {
    let queue = CommitQueue<Int>(capacity: 1)
    let timeline = Timeline()
    #expect(await queue.push(1))  // fills the queue: nobody is consuming yet
    await withTaskGroup(of: Void.self) { group in
        group.addTask {
            #expect(await queue.push(2))
            await timeline.note("pushed 2")
        }
        // The second push cannot finish while the queue holds an item; give it every chance to, then take one.
        for _ in 0..<100 { await Task.yield() }
        await timeline.note("taking")
        #expect(await queue.next() == 1)
        await group.waitForAll()
    }
    #expect(await timeline.entries == ["taking", "pushed 2"])
    #expect(await queue.next() == 2)
}

@Test func closingRefusesWaitingAndLaterPushesAndDropsWhatWasQueued() async {
    let queue = CommitQueue<Int>(capacity: 1)
    #expect(await queue.push(1))
    let refused = await withTaskGroup(of: Bool.self) { group in
        group.addTask { await queue.push(2) }  // waits: the queue is full
        for _ in 0..<100 { await Task.yield() }
        await queue.close()
        return await group.next() ?? true
    }
    #expect(refused == false)
    #expect(await queue.push(3) == false)
    #expect(await queue.next() == nil)
}

/// A queued batch whose deallocation the test observes through a weak reference.
private final class TrackedBatch: Sendable {
    let number: Int
    init(_ number: Int) { self.number = number }
}

@Test func aTakenItemIsNotKeptByTheQueueWhileLaterOnesWait() async {
    // The queue never drains here (the walk stays ahead of the commits), as in a long backfill: a batch the
    // consumer has taken and dropped must be freed, not held until the queue happens to empty.
    let queue = CommitQueue<TrackedBatch>(capacity: 2)
    weak var first: TrackedBatch?
    do {
        let batch = TrackedBatch(1)
        first = batch
        #expect(await queue.push(batch))
    }
    #expect(await queue.push(TrackedBatch(2)))
    do {
        let taken = await queue.next()
        #expect(taken?.number == 1)
    }
    #expect(await queue.push(TrackedBatch(3)))
    #expect(first == nil, "the queue still holds batch 1 after it was taken")
    #expect(await queue.next()?.number == 2)
    #expect(await queue.next()?.number == 3)
}
