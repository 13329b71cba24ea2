import Dispatch

#if os(Linux)
    import CMalloc
#endif

/// Hands the memory allocator's free pages back to the kernel once a large batch is gone.
///
/// A backfill batch is megabytes of cable text, allocated on the threads that download and parse it and freed on
/// the committing one. glibc keeps those pages in each thread's arena, where only that thread reuses them, so without
/// a trim the process's resident memory grows with the allocator's fragmentation rather than with the batches alive.
enum AllocatorTrim {
    /// `malloc_trim` takes the arenas' locks and makes a system call per free run of pages, for milliseconds: it runs
    /// on a queue of its own, not on a thread of the concurrency pool. Serial, so a test that needs no other trim to
    /// run meanwhile can hold it.
    static let queue = DispatchQueue(label: "cablewatch.allocator-trim")

    /// Returns whole free pages in every arena to the kernel (`malloc_trim(0)`); does nothing off glibc.
    static func returnFreePages() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                returnFreePagesNow()
                continuation.resume()
            }
        }
    }

    /// The trim itself, on the caller's thread: `returnFreePages()` runs it on `queue`.
    static func returnFreePagesNow() {
        #if os(Linux)
            _ = malloc_trim(0)
        #endif
    }
}
