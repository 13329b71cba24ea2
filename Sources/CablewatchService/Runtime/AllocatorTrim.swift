#if os(Linux)
    import CMalloc
#endif

/// Hands the memory allocator's free pages back to the kernel once a large batch is gone.
///
/// A backfill batch is tens of megabytes of cable text, allocated on the download threads and freed on the
/// committing one. glibc keeps those pages in each thread's arena, where only that thread reuses them, so without a
/// trim the process's resident memory grows with the allocator's fragmentation rather than with the batches alive.
enum AllocatorTrim {
    /// Returns whole free pages in every arena to the kernel (`malloc_trim(0)`); does nothing off glibc.
    static func returnFreePages() {
        #if os(Linux)
            _ = malloc_trim(0)
        #endif
    }
}
