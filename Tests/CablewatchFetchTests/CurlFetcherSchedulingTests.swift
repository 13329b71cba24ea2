import CablewatchCore
import Foundation
import Testing

@testable import CablewatchFetch

@Suite struct CurlFetcherSchedulingTests {
    @Test func sequentialRequestsReuseOneConnection() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server) { $0.concurrency = 1 }
        defer { fetcher.shutdown() }
        for path in ["/plain", "/etag", "/gzip", "/plain"] {
            _ = try await fetcher.fetch(FetchRequest(url: server.url(path)))
        }
        #expect(try await server.stats().connections == 1)
        #expect(fetcher.stats.requests == 4)
    }

    @Test func concurrentRequestsAreBoundedByConcurrency() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server) { $0.concurrency = 2 }
        defer { fetcher.shutdown() }
        let slow = server.url("/slow?ms=200")
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<6 {
                group.addTask { try await fetcher.fetch(FetchRequest(url: slow)).status }
            }
            for try await status in group { #expect(status == 200) }
        }
        #expect(try await server.stats().maxInFlight == 2)
        #expect(fetcher.startedThreadCount == 2)
    }

    @Test func oneRequestAtATimeStartsOneThread() async throws {
        // An idle poll makes one request: it should not pay for `concurrency` threads and easy handles.
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server) { $0.concurrency = 4 }
        defer { fetcher.shutdown() }
        #expect(fetcher.startedThreadCount == 0)
        for path in ["/plain", "/etag", "/plain"] {
            _ = try await fetcher.fetch(FetchRequest(url: server.url(path)))
        }
        #expect(fetcher.startedThreadCount == 1)
        #expect(try await server.stats().connections == 1)
    }

    @Test func perHostDelaySpacesRequestStarts() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server) {
            $0.concurrency = 4
            $0.perHostDelay = .milliseconds(200)
        }
        defer { fetcher.shutdown() }
        let plain = server.url("/plain")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { _ = try await fetcher.fetch(FetchRequest(url: plain)) }
            }
            try await group.waitForAll()
        }
        let arrivals = try await server.stats().arrivals(of: "/plain").sorted()
        #expect(arrivals.count == 4)
        // Unspaced, four concurrent requests arrive within a few milliseconds. Spaced by 200 ms, the three gaps add
        // up to about 600 ms; each gap is allowed some scheduling noise from the (loaded) test server's threads.
        for (earlier, later) in zip(arrivals, arrivals.dropFirst()) {
            #expect(later - earlier >= 0.1)
        }
        if let first = arrivals.first, let last = arrivals.last {
            #expect(last - first >= 0.5)
        }
    }

    @Test func retryAfterIsReportedAndHoldsTheHost() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server)
        defer { fetcher.shutdown() }
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/status?code=503&retry_after=1")))
        }
        #expect(error?.kind == .httpStatus(503, retryAfterSeconds: 1))
        _ = try await fetcher.fetch(FetchRequest(url: server.url("/plain")))
        let stats = try await server.stats()
        let refused = try #require(stats.arrivals(of: "/status").first)
        let next = try #require(stats.arrivals(of: "/plain").first)
        #expect(next - refused >= 0.9)
    }

    @Test func retryAfterDateIsInSecondsAndTheHoldIsCapped() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server) { $0.maxRetryAfterHold = .milliseconds(300) }
        defer { fetcher.shutdown() }
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/status?code=429&retry_after_in=120")))
        }
        guard case .httpStatus(429, let seconds?) = error?.kind else {
            Issue.record("expected HTTP 429 with Retry-After, got \(String(describing: error))")
            return
        }
        #expect((118...120).contains(seconds))
        _ = try await fetcher.fetch(FetchRequest(url: server.url("/plain")))
        let stats = try await server.stats()
        let refused = try #require(stats.arrivals(of: "/status").first)
        let next = try #require(stats.arrivals(of: "/plain").first)
        // Held for the 300 ms cap, not the two minutes asked: the upper bound leaves room for a loaded CI machine
        // (once 5.8 s passed between the two requests there) and still fails for any uncapped hold.
        #expect(next - refused >= 0.25)
        #expect(next - refused < 60)
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server) { $0.timeout = .seconds(60) }
        defer { fetcher.shutdown() }
        let started = ContinuousClock.now
        let slow = server.url("/slow?ms=30000")
        let task = Task {
            await fetchError { () async throws(FetchError) in
                try await fetcher.fetch(FetchRequest(url: slow))
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let error = await task.value
        #expect(error?.kind == .cancelled)
        // Below the server's 30 s delay, so the transfer was aborted rather than waited out. The wall clock also counts
        // waits for a cooperative-pool thread, which other tests' CPU work holds for many seconds on a 2-core machine.
        #expect(ContinuousClock.now - started < .seconds(25))
    }

    /// `shutdown()` blocks its caller until the threads exit; `stop()` awaits the same without holding a thread.
    @Test(arguments: [false, true]) func shutdownFailsQueuedWorkAndJoinsTheThreads(awaitingStop: Bool) async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server) {
            $0.concurrency = 1
            $0.timeout = .seconds(60)
        }
        // Long enough to be still running when `shutdown` comes, however slowly a loaded machine schedules the test.
        let slow = server.url("/slow?ms=40000")
        let plain = server.url("/plain")
        async let running = fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: slow))
        }
        // The slow transfer must hold the only worker before the second request is queued behind it (two `async
        // let`s may start in either order on a loaded machine).
        let deadline = ContinuousClock.now + .seconds(30)
        while try await server.stats().arrivals(of: "/slow").isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        async let queued = fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: plain))
        }
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        if awaitingStop {
            await fetcher.stop()
        } else {
            fetcher.shutdown()
        }
        // Well below the slow transfer's 40 s: shutdown aborted it rather than waiting it out.
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(fetcher.startedThreadCount == 1)
        #expect(await running?.kind == .cancelled)
        #expect(await queued?.kind == .cancelled)
        let afterwards = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/plain")))
        }
        #expect(afterwards?.kind == .cancelled)
        #expect(try await server.stats().arrivals(of: "/plain").isEmpty)
    }
}
