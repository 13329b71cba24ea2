import CablewatchCore
import Foundation
import Testing

@testable import CablewatchFetch

@Suite struct CurlTransportTests {
    @Test func postSendsTheBodyAndHeaders() async throws {
        let server = try await TestServer.start()
        let transport = try CurlTransport(userAgent: testUserAgent)
        defer { transport.shutdown() }
        let response = try await transport.post(
            PostRequest(
                url: server.url("/hook"), headers: [("content-type", "application/json"), ("webhook-id", "evt_1")],
                body: Array(#"{"type":"cable.added"}"#.utf8), connectTimeout: .seconds(1), timeout: .seconds(1)))
        #expect(response.status == 200)
        let echo = try #require(try JSONSerialization.jsonObject(with: Data(response.bodyPrefix)) as? [String: Any])
        #expect(echo["body"] as? String == #"{"type":"cable.added"}"#)
        let headers = try #require(echo["headers"] as? [String: String])
        #expect(headers["webhook-id"] == "evt_1")
        #expect(headers["user-agent"] == testUserAgent)
        #expect(headers["expect"] == nil)
    }

    @Test func errorStatusesAndRedirectsAreResponsesNotErrors() async throws {
        let server = try await TestServer.start()
        let transport = try CurlTransport(userAgent: testUserAgent)
        defer { transport.shutdown() }
        let failed = try await transport.post(PostRequest(url: server.url("/hook?status=500"), body: [1, 2, 3]))
        #expect(failed.status == 500)
        let redirected = try await transport.post(
            PostRequest(url: server.url("/redirect?to=http://localhost:\(server.httpPort)/hook"), body: []))
        #expect(redirected.status == 302)
        #expect(redirected.headers["location"] == "http://localhost:\(server.httpPort)/hook")
    }

    @Test func onlyTheBodyPrefixIsKept() async throws {
        let server = try await TestServer.start()
        let transport = try CurlTransport(userAgent: testUserAgent)
        defer { transport.shutdown() }
        let response = try await transport.post(PostRequest(url: server.url("/hook?pad=5000"), body: [0x41]))
        #expect(response.bodyPrefix.count == PostResponse.bodyPrefixLimit)
    }

    @Test(arguments: [false, true]) func shutdownCancelsPostsInFlightAtEveryOriginAndRefusesLaterOnes(
        awaitingStop: Bool
    ) async throws {
        // Two origins whose receivers accept the connection and never answer: each POST holds its origin's worker.
        let first = try await TestServer.start()
        let second = try await TestServer.start()
        let transport = try CurlTransport(userAgent: testUserAgent)
        func post(to url: String) async -> FetchError? {
            await fetchError { () async throws(FetchError) in
                try await transport.post(PostRequest(url: url, body: [0x41], timeout: .seconds(30)))
            }
        }
        async let held = post(to: "http://127.0.0.1:\(first.blackholePort)/hook")
        async let alsoHeld = post(to: "http://127.0.0.1:\(second.blackholePort)/hook")
        try await Task.sleep(for: .milliseconds(300))
        if awaitingStop {
            await transport.stop()
        } else {
            transport.shutdown()
        }
        #expect(await held?.kind == .cancelled)
        #expect(await alsoHeld?.kind == .cancelled)
        let late = await post(to: first.url("/hook"))
        #expect(late?.kind == .cancelled)
        #expect(late?.method == "POST")
    }

    @Test func unreachableReceiverIsAPostError() async throws {
        let transport = try CurlTransport(userAgent: testUserAgent)
        defer { transport.shutdown() }
        let error = await fetchError { () async throws(FetchError) in
            try await transport.post(PostRequest(url: "http://127.0.0.1:1/hook", connectTimeout: .seconds(1)))
        }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.method == "POST")
    }
}
