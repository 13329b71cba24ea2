import CablewatchCore
import Foundation

/// Up to a fixed number of threads, each owning one reused easy handle, that run blocking libcurl transfers off
/// the Swift concurrency pool. Jobs wait in one lock-protected queue; a job for a host starts only when that host's
/// politeness delay (and any Retry-After hold) has passed. Threads start when queued jobs outnumber the free ones,
/// so an idle poll (one request) starts one thread, not `threadCount`.
///
/// All mutable state is guarded by `condition`, which makes the `@unchecked Sendable` sound.
final class CurlWorkerPool: @unchecked Sendable {
    /// A queued transfer: exactly one of `execute` and `abandon` runs, decided under the lock. `execute` performs
    /// the transfer and returns what hands its result to the waiting task, which the worker calls only after it
    /// counts itself free again (so a task that queues its next transfer at once finds a free thread, not a reason
    /// to start another).
    private struct Job {
        let hostKey: String?
        let cancellation: TransferCancellation
        let execute: @Sendable (CurlEasy) -> @Sendable () -> Void
        let abandon: @Sendable () -> Void
    }

    /// Moves an easy handle to the one thread that will own it (and release it before that thread reports exit).
    private final class Handoff: @unchecked Sendable {
        private var easy: CurlEasy?

        init(_ easy: CurlEasy) { self.easy = easy }

        func take() -> CurlEasy? {
            defer { easy = nil }
            return easy
        }
    }

    private let condition = NSCondition()
    private let perHostDelay: Duration
    private let clock = ContinuousClock()
    private var queue: [Job] = []
    private var nextStart: [String: ContinuousClock.Instant] = [:]
    private var running: [ObjectIdentifier: TransferCancellation] = [:]
    private var isShuttingDown = false
    /// Threads started and not yet exited.
    private var liveWorkers = 0
    /// Live threads running a job; the others are free (waiting for a job or a host's next start time, or just
    /// started).
    private var busyWorkers = 0
    /// The handle made by `init` (proof that libcurl works), kept for the first thread.
    private var firstHandle: CurlEasy?
    private let maximumWorkers: Int
    private let name: String
    private var threadsStarted = 0
    /// Tasks awaiting `stopped()`, resumed when the last live thread exits.
    private var stopWaiters: [CheckedContinuation<Void, Never>] = []

    /// Makes the first easy handle and starts no thread yet; nil when libcurl cannot create the handle.
    init?(threadCount: Int, perHostDelay: Duration, name: String) {
        guard let easy = CurlEasy() else { return nil }
        self.perHostDelay = perHostDelay
        self.maximumWorkers = max(1, threadCount)
        self.name = name
        self.firstHandle = easy
    }

    /// How many threads this pool has started so far (threads that exited included).
    var startedThreadCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return threadsStarted
    }

    /// Runs `transfer` on a worker thread once the host may be contacted; nil when cancelled or shut down
    /// before it started.
    func run<Value: Sendable>(
        hostKey: String?,
        _ transfer: @escaping @Sendable (CurlEasy, TransferCancellation) -> Result<Value, FetchError>
    ) async -> Result<Value, FetchError>? {
        let cancellation = TransferCancellation()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, FetchError>?, Never>) in
                enqueue(
                    Job(
                        hostKey: hostKey, cancellation: cancellation,
                        execute: { easy in
                            let result = transfer(easy, cancellation)
                            return { continuation.resume(returning: result) }
                        },
                        abandon: { continuation.resume(returning: nil) }))
            }
        } onCancel: {
            cancellation.cancel()
            withdraw(cancellation)
        }
    }

    /// Keeps new transfers to `hostKey` from starting for `duration` (Retry-After).
    func hold(hostKey: String, for duration: Duration) {
        condition.lock()
        defer { condition.unlock() }
        let until = clock.now + duration
        nextStart[hostKey] = max(nextStart[hostKey] ?? until, until)
    }

    /// Abandons queued jobs, aborts running transfers and waits until every worker thread has exited.
    func shutdown() {
        beginShutdown()
        waitUntilStopped()
    }

    /// Abandons queued jobs and tells running transfers to abort, without waiting; later jobs are abandoned.
    /// Several pools stop together when each is told first and waited for after.
    func beginShutdown() {
        condition.lock()
        isShuttingDown = true
        let abandoned = queue
        queue = []
        for cancellation in running.values { cancellation.cancel() }
        condition.broadcast()
        condition.unlock()
        for job in abandoned { job.abandon() }
    }

    /// Blocks until every worker thread has exited (after `beginShutdown`).
    func waitUntilStopped() {
        condition.lock()
        while liveWorkers > 0 { condition.wait() }
        condition.unlock()
    }

    /// Returns once every worker thread has exited (after `beginShutdown`), without blocking the caller's thread:
    /// the last thread to exit resumes the waiting task.
    func stopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            guard liveWorkers > 0 else {
                condition.unlock()
                continuation.resume()
                return
            }
            stopWaiters.append(continuation)
            condition.unlock()
        }
    }

    private func enqueue(_ job: Job) {
        condition.lock()
        if isShuttingDown || job.cancellation.isCancelled {
            condition.unlock()
            job.abandon()
            return
        }
        queue.append(job)
        // Queued jobs outnumber the free threads: one more thread, with the first handle or a new one, counted here
        // under the lock. When libcurl cannot make another handle, the threads already running serve the queue.
        var newWorker: (easy: CurlEasy, index: Int)?
        if queue.count > liveWorkers - busyWorkers, liveWorkers < maximumWorkers,
            let easy = firstHandle ?? CurlEasy()
        {
            firstHandle = nil
            liveWorkers += 1
            threadsStarted += 1
            newWorker = (easy, threadsStarted)
        }
        // One job, one worker: waking them all would make every idle worker race for it.
        condition.signal()
        condition.unlock()
        if let newWorker {
            let handoff = Handoff(newWorker.easy)
            let thread = Thread { [self] in self.work(with: handoff) }
            thread.name = "\(name)-\(newWorker.index)"
            thread.start()
        }
    }

    private func withdraw(_ cancellation: TransferCancellation) {
        condition.lock()
        let index = queue.firstIndex { $0.cancellation === cancellation }
        let job = index.map { queue.remove(at: $0) }
        condition.unlock()
        job?.abandon()
    }

    /// A worker thread's life: take the next startable job, run it, repeat until shutdown.
    private func work(with handoff: Handoff) {
        if let easy = handoff.take() {
            while let job = nextJob() {
                let deliver = job.execute(easy)
                condition.lock()
                running[ObjectIdentifier(job.cancellation)] = nil
                busyWorkers -= 1
                condition.unlock()
                deliver()
            }
        }  // the handle (and its connections) is cleaned up here, before the exit is reported
        condition.lock()
        liveWorkers -= 1
        let waiters = liveWorkers == 0 ? stopWaiters : []
        if liveWorkers == 0 { stopWaiters = [] }
        condition.broadcast()
        condition.unlock()
        for waiter in waiters { waiter.resume() }
    }

    /// Blocks until a job may start (its host's next start time has come), or returns nil on shutdown.
    private func nextJob() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while !isShuttingDown {
            let now = clock.now
            var earliest: ContinuousClock.Instant?
            for (index, job) in queue.enumerated() {
                let ready = job.hostKey.flatMap { nextStart[$0] } ?? now
                if ready <= now {
                    queue.remove(at: index)
                    if let hostKey = job.hostKey { nextStart[hostKey] = now + perHostDelay }
                    running[ObjectIdentifier(job.cancellation)] = job.cancellation
                    busyWorkers += 1
                    return job
                }
                earliest = min(earliest ?? ready, ready)
            }
            if let earliest {
                let wait = earliest - now
                _ = condition.wait(until: Date(timeIntervalSinceNow: wait.timeInterval))
            } else {
                condition.wait()
            }
        }
        return nil
    }
}
