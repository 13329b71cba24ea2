import CablewatchCore
import Foundation
import Testing

@testable import CablewatchFetch

@Suite struct CurlFetcherTests {
    @Test func plainPageComesBackWithHeadersAndCacheAge() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server)
        defer { fetcher.shutdown() }
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/plain")))
        #expect(response.status == 200)
        #expect(response.url == server.url("/plain"))
        #expect(String(decoding: response.body, as: UTF8.self) == "hello cablewatch\n")
        #expect(response.headers["content-type"] == "text/plain")
        #expect(response.cacheMaxAgeSeconds == 300)
        #expect(response.bytesOnWire > response.body.count)
        #expect(!response.notModified)
        #expect(fetcher.stats.requests == 1)
        #expect(fetcher.stats.responsesByStatus == [200: 1])
        #expect(fetcher.stats.bytesOnWire == response.bytesOnWire)
    }

    @Test func unchangedPageAnswersNotModifiedToEitherValidator() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server)
        defer { fetcher.shutdown() }
        let first = try await fetcher.fetch(FetchRequest(url: server.url("/etag")))
        #expect(first.status == 200)
        #expect(first.etag == "\"v1\"")
        #expect(first.lastModified == "Sun, 28 Nov 2010 18:00:00 GMT")
        let byETag = try await fetcher.fetch(FetchRequest(url: server.url("/etag"), etag: first.etag))
        #expect(byETag.notModified)
        #expect(byETag.body.isEmpty)
        let byDate = try await fetcher.fetch(FetchRequest(url: server.url("/etag"), lastModified: first.lastModified))
        #expect(byDate.status == 304)
        #expect(fetcher.stats.responsesByStatus == [200: 1, 304: 2])
    }

    @Test func requestCarriesHonestUserAgentValidatorsAndGzip() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server)
        defer { fetcher.shutdown() }
        let response = try await fetcher.fetch(
            FetchRequest(url: server.url("/echo"), etag: "\"abc\"", lastModified: "Sun, 28 Nov 2010 18:00:00 GMT"))
        let headers = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String])
        #expect(headers["user-agent"] == testUserAgent)
        #expect(headers["if-none-match"] == "\"abc\"")
        #expect(headers["if-modified-since"] == "Sun, 28 Nov 2010 18:00:00 GMT")
        #expect(headers["accept-encoding"]?.contains("gzip") == true)
    }

    @Test func gzipBodyIsDecodedAndCountedCompressed() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server)
        defer { fetcher.shutdown() }
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/gzip")))
        let expected = String(repeating: "<p>Currently released so far... 1234 / 251,287</p>\n", count: 200)
        #expect(String(decoding: response.body, as: UTF8.self) == expected)
        #expect(response.headers["content-encoding"] == "gzip")
        #expect(response.bytesOnWire < expected.utf8.count / 4)
    }

    @Test func aTimeoutIsAttributedToTheLimitNearestTheTimeTaken() {
        func fired(connect: Duration, total: Duration, after elapsed: Duration) -> Duration {
            let spec = TransferSpec(
                method: .get, url: "http://127.0.0.1/", headerLines: [], userAgent: "test",
                connectTimeout: connect, timeout: total, proxy: nil, bodyLimit: .abortAbove(1))
            return CurlEasy.timeoutThatFired(spec: spec, elapsed: elapsed)
        }
        // libcurl's millisecond timer fired just before our clock reached the limit (seen on CI).
        #expect(
            fired(connect: .seconds(1), total: .milliseconds(500), after: .microseconds(499_600)) == .milliseconds(500))
        #expect(fired(connect: .seconds(2), total: .seconds(10), after: .milliseconds(2_001)) == .seconds(2))
        #expect(fired(connect: .seconds(2), total: .seconds(10), after: .microseconds(9_999_500)) == .seconds(10))
        #expect(fired(connect: .seconds(2), total: .seconds(10), after: .seconds(11)) == .seconds(10))
        #expect(fired(connect: .seconds(10), total: .seconds(10), after: .seconds(3)) == .seconds(10))
    }

    @Test func slowResponseTimesOut() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server) { $0.timeout = .milliseconds(500) }
        defer { fetcher.shutdown() }
        let started = ContinuousClock.now
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/slow?ms=20000")))
        }
        #expect(error?.kind == .timeout(after: .milliseconds(500)))
        #expect(
            error?.description == "GET \(server.url("/slow?ms=20000")): timed out after 500ms (\(error?.detail ?? ""))")
        // libcurl's own clock, on the worker thread: the transfer was cut at the limit, not at the server's 20 s.
        // (The wall clock below also counts the wait for a cooperative-pool thread to resume this test, which other
        // tests' CPU work can hold for seconds on a 2-core CI machine; it once read 8.3 s.)
        #expect(
            milliseconds(libcurlTookIn: error).map { (500..<2_000).contains($0) } == true,
            "\(error?.detail ?? "no detail")")
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(fetcher.stats.failures == 1)
    }

    @Test func refusedConnectionIsConnectionFailed() async throws {
        var configuration = FetchConfiguration(allowedOrigin: "http://127.0.0.1:1/", userAgent: testUserAgent)
        configuration.connectTimeout = .seconds(1)
        let fetcher = try CurlFetcher(configuration: configuration)
        defer { fetcher.shutdown() }
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: "http://127.0.0.1:1/index.html"))
        }
        #expect(error?.kind == .connectionFailed)
    }

    @Test func stalledProxyHandshakeHitsTheConnectTimeout() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server) {
            $0.proxy = "socks5h://127.0.0.1:\(server.blackholePort)"
            $0.connectTimeout = .milliseconds(300)
            $0.timeout = .seconds(30)
        }
        defer { fetcher.shutdown() }
        let started = ContinuousClock.now
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/plain")))
        }
        #expect(error?.kind == .timeout(after: .milliseconds(300)))
        // Cut at the connect timeout by libcurl's own clock, far below the 30 s total timeout.
        #expect(
            milliseconds(libcurlTookIn: error).map { (300..<2_000).contains($0) } == true,
            "\(error?.detail ?? "no detail")")
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func unreachableProxyIsConnectionFailed() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server) { $0.proxy = "socks5h://127.0.0.1:1" }
        defer { fetcher.shutdown() }
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/plain")))
        }
        #expect(error?.kind == .connectionFailed)
        #expect(try await server.stats().arrivals.isEmpty)
    }

    @Test(arguments: ["/big", "/big-stream"])
    func bodyOverTheLimitAbortsTheTransfer(path: String) async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server) { $0.maxBodyBytes = 1024 * 1024 }
        defer { fetcher.shutdown() }
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url(path)))
        }
        #expect(error?.kind == .tooLarge(limit: 1024 * 1024))
        #expect(fetcher.stats.bytesOnWire < 2 * 1024 * 1024)
    }

    @Test func bodyUnderTheLimitArrivesWhole() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server) { $0.maxBodyBytes = 3 * 1024 * 1024 }
        defer { fetcher.shutdown() }
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/big-stream")))
        #expect(response.body.count == 64 * 32768)
    }

    @Test func truncatedBodyIsDetected() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server)
        defer { fetcher.shutdown() }
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/truncated")))
        }
        #expect(error?.kind == .truncatedBody)
    }

    @Test func connectionResetIsReported() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server)
        defer { fetcher.shutdown() }
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/reset")))
        }
        #expect(error?.kind == .connectionReset)
    }

    @Test func errorStatusIsAnErrorWithTheStatus() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server)
        defer { fetcher.shutdown() }
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/missing")))
        }
        #expect(error?.kind == .httpStatus(404, retryAfterSeconds: nil))
        #expect(error?.url == server.url("/missing"))
    }

    @Test func sameOriginRedirectsAreFollowedUpToFiveHops() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server)
        defer { fetcher.shutdown() }
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/redirect?hops=5")))
        #expect(response.status == 200)
        #expect(response.url == server.url("/plain"))
        #expect(fetcher.stats.requests == 6)
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/redirect?hops=6")))
        }
        #expect(error?.kind == .httpStatus(302, retryAfterSeconds: nil))
        #expect(fetcher.stats.requests == 12)
    }

    @Test func validatorsAreNotSentToARedirectTarget() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server)
        defer { fetcher.shutdown() }
        let response = try await fetcher.fetch(
            FetchRequest(url: server.url("/redirect?to=/echo&status=301"), etag: "\"v1\""))
        let headers = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String])
        #expect(headers["if-none-match"] == nil)
    }

    @Test func offOriginRedirectIsRefusedWithoutFollowing() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server)
        defer { fetcher.shutdown() }
        let elsewhere = "http://localhost:\(server.httpPort)/plain"
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/redirect?to=\(elsewhere)")))
        }
        #expect(error?.kind == .offOrigin(elsewhere))
        #expect(fetcher.stats.requests == 1)
        #expect(try await server.stats().arrivals(of: "/plain").isEmpty)
    }

    @Test func offOriginAndNonHTTPURLsAreRejectedWithoutARequest() async throws {
        let server = try await TestServer.start()
        let fetcher = try makeFetcher(for: server)
        defer { fetcher.shutdown() }
        let elsewhere = "http://localhost:\(server.httpPort)/plain"
        let offOrigin = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: elsewhere))
        }
        #expect(offOrigin?.kind == .offOrigin(elsewhere))
        let ftp = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: "ftp://127.0.0.1:\(server.httpPort)/plain"))
        }
        #expect(ftp?.kind == .unsupportedScheme)
        #expect(fetcher.stats.requests == 0)
        #expect(try await server.stats().arrivals.isEmpty)
    }

    @Test func socks5hProxyCarriesTheRequestWithTheHostName() async throws {
        let server = try await TestServer.start()
        let origin = "http://localhost:\(server.httpPort)"
        let fetcher = try makeFetcher(for: server) {
            $0.allowedOrigin = origin + "/"
            $0.proxy = "socks5h://127.0.0.1:\(server.socksPort)"
        }
        defer { fetcher.shutdown() }
        let response = try await fetcher.fetch(FetchRequest(url: origin + "/plain"))
        #expect(response.status == 200)
        let stats = try await server.stats()
        #expect(stats.socksConnections == 1)
        #expect(stats.socksTargets == ["localhost:\(server.httpPort)"])
    }
}

/// The time libcurl itself says a timed-out transfer took ("… timed out after 503 milliseconds …"), measured on the
/// worker thread, so unlike the test's wall clock it cannot include a wait for the cooperative pool.
private func milliseconds(libcurlTookIn error: FetchError?) -> Int? {
    error?.detail?.firstMatch(of: /timed out after (\d+) milliseconds/).flatMap { Int($0.output.1) }
}
