import Foundation

/// Runs blocking work (waiting for a child process, reading a pipe to its end) on a thread of its own.
///
/// Swift Testing runs every test at once on the cooperative pool, which has one thread per core: two on CI. A test
/// that blocked one of them while a child process ran stalled every other test for that long, and tests that time
/// something (a 500 ms fetch timeout) then measured the stall instead.
func offThePool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.name = "test-blocking-work"
        thread.start()
    }
}
