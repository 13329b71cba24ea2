import Foundation
import Testing

@testable import CablegateSim

/// Starts a server on an ephemeral port over a small site, runs `body`, and stops it.
private func withServer(
    build: Int = 3, _ body: (SimServer) throws -> Void
) throws {
    let site = SimSite(configuration: SimSiteConfiguration(cables: 300, seed: 1, builds: 12), build: build)
    let server = try SimServer(site: site, port: 0)
    server.start()
    defer { server.stop() }
    try body(server)
}

private func firstCablePath(_ server: SimServer) throws -> String {
    try #require(server.site.releasedCables().first?.path)
}

@Test func servesPagesWithValidators() throws {
    try withServer { server in
        #expect(server.port > 0)
        let client = try RawHTTPClient(port: server.port)
        let home = try client.exchange("/index.html")
        #expect(home.status == 200)
        #expect(home.text.contains("Currently released so far..."))
        #expect(home.headers["etag"]?.contains("b3-") == true)
        #expect(home.headers["last-modified"] == "Wed, 01 Dec 2010 20:00:00 GMT")
        #expect(home.headers["content-length"] == String(home.body.count))
        let root = try client.exchange("/")
        #expect(root.body == home.body)
        let missing = try client.exchange("/cable/1999/01/NOPE.html")
        #expect(missing.status == 404)
        let head = try client.exchange("/cablegate.html", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty)
    }
}

@Test func conditionalRequestsAnswerNotModified() throws {
    try withServer { server in
        let client = try RawHTTPClient(port: server.port)
        let path = try firstCablePath(server)
        let first = try client.exchange(path)
        let etag = try #require(first.headers["etag"])
        let lastModified = try #require(first.headers["last-modified"])
        let second = try client.exchange(path, headers: ["If-None-Match": etag])
        #expect(second.status == 304)
        #expect(second.body.isEmpty)
        let third = try client.exchange(path, headers: ["If-Modified-Since": lastModified])
        #expect(third.status == 304)
        let stale = try client.exchange(path, headers: ["If-None-Match": "\"b0-0000\""])
        #expect(stale.status == 200)
        #expect(server.statistics.notModified == 2)
    }
}

@Test func gzipBodiesInflateToThePage() throws {
    try withServer { server in
        let client = try RawHTTPClient(port: server.port)
        let path = try firstCablePath(server)
        let plain = try client.exchange(path)
        let zipped = try client.exchange(path, headers: ["Accept-Encoding": "gzip, deflate"])
        #expect(zipped.headers["content-encoding"] == "gzip")
        #expect(zipped.body.count < plain.body.count / 2)
        #expect(Array(zipped.body.prefix(2)) == [0x1F, 0x8B])
        #expect(try Gzip.decompress(zipped.body) == plain.body)
        #expect(zipped.headers["etag"] == plain.headers["etag"])
    }
}

@Test func keepAliveServesTwoRequestsOnOneSocket() throws {
    try withServer { server in
        let client = try RawHTTPClient(port: server.port)
        let first = try client.exchange("/index.html")
        let second = try client.exchange("/reldate/2010-11-28_0.html")
        #expect(first.status == 200 && second.status == 200)
        #expect(first.headers["connection"] == "keep-alive")
        #expect(second.text.contains("<table class='cable'>"))
    }
}

@Test func advanceChangesTheETagAndCounter() throws {
    try withServer { server in
        let client = try RawHTTPClient(port: server.port)
        let before = try client.exchange("/index.html")
        let advanced = try client.exchange("/_sim/advance", method: "POST")
        #expect(advanced.status == 200)
        let report = try JSONDecoder().decode(SimBuildReport.self, from: Data(advanced.body))
        #expect(report.build == 4)
        #expect(report.releaseDay == "2010-12-02")
        let after = try client.exchange("/index.html")
        #expect(after.headers["etag"] != before.headers["etag"])
        #expect(after.headers["etag"]?.contains("b4-") == true)
        #expect(after.text.contains("Currently released so far... \(report.counter.released) / "))
        let revalidated = try client.exchange("/index.html", headers: ["If-None-Match": before.headers["etag"] ?? ""])
        #expect(revalidated.status == 200)
    }
}

@Test func stateAndStatsEndpointsReportJSON() throws {
    try withServer { server in
        let client = try RawHTTPClient(port: server.port)
        _ = try client.exchange("/index.html")
        _ = try client.exchange(try firstCablePath(server))
        let state = try client.exchange("/_sim/state")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(state.body)) as? [String: Any])
        #expect(object["build"] as? Int == 3)
        let cables = try #require(object["cables"] as? [[String: Any]])
        #expect(cables.count == server.site.counter.released)
        #expect((cables.first?["contentSHA256"] as? String)?.count == 64)
        let stats = try JSONDecoder().decode(
            SimRequestStats.self, from: Data(try client.exchange("/_sim/stats").body))
        #expect(stats.total == 2)
        #expect(stats.byPrefix["/cable/"] == 1)
        #expect(stats.byPrefix["/index.html"] == 1)
    }
}

@Test func statusFaultsCarryRetryAfter() throws {
    try withServer { server in
        let client = try RawHTTPClient(port: server.port)
        let added = try client.exchange("/_sim/fault?kind=status503&path=/index.html&count=1", method: "POST")
        #expect(added.status == 200)
        server.addFault(SimFault(kind: .status429, pathPrefix: "/reldate/", count: 1, retryAfterSeconds: 7))
        server.addFault(SimFault(kind: .status500, pathPrefix: "/date/", count: 1))
        let unavailable = try client.exchange("/index.html")
        #expect(unavailable.status == 503)
        #expect(unavailable.headers["retry-after"] == "1")
        #expect(try client.exchange("/index.html").status == 200)
        let limited = try client.exchange("/reldate/2010-11-28_0.html")
        #expect(limited.status == 429 && limited.headers["retry-after"] == "7")
        let month = try #require(server.site.allPaths().first { $0.hasPrefix("/date/") })
        #expect(try client.exchange(month).status == 500)
        #expect(try client.exchange(month).status == 200)
    }
}

@Test func slowFaultDelaysTheAnswer() throws {
    try withServer { server in
        server.addFault(SimFault(kind: .slow, pathPrefix: "/index.html", count: 1, delayMilliseconds: 300))
        let client = try RawHTTPClient(port: server.port)
        let start = Date()
        #expect(try client.exchange("/index.html").status == 200)
        #expect(Date().timeIntervalSince(start) >= 0.28)
    }
}

@Test func resetFaultResetsTheConnection() throws {
    try withServer { server in
        server.addFault(SimFault(kind: .reset, count: 1))
        let client = try RawHTTPClient(port: server.port)
        client.send("GET", "/index.html")
        guard case .reset = client.read() else {
            Issue.record("expected a connection reset")
            return
        }
    }
}

@Test func truncatedFaultSendsHalfTheDeclaredBody() throws {
    try withServer { server in
        server.addFault(SimFault(kind: .truncated, count: 1))
        let client = try RawHTTPClient(port: server.port)
        client.send("GET", "/index.html")
        guard case .closed(let partial) = client.read() else {
            Issue.record("expected a closed connection")
            return
        }
        #expect(!partial.isEmpty)
        let full = try RawHTTPClient(port: server.port).exchange("/index.html")
        #expect(partial.count == full.body.count / 2)
    }
}

@Test func cutPreFaultCutsTheTextBlock() throws {
    try withServer { server in
        server.addFault(SimFault(kind: .cutPre, count: 1))
        let client = try RawHTTPClient(port: server.port)
        #expect(try client.exchange("/index.html").status == 200)
        let page = try client.exchange(try firstCablePath(server)).text
        #expect(page.components(separatedBy: "</pre></code>").count - 1 == 1)
        #expect(page.hasSuffix("</html>\n"))
        let again = try client.exchange(try firstCablePath(server)).text
        #expect(again.components(separatedBy: "</pre></code>").count - 1 == 2)
    }
}

@Test func garbageAndOversizeFaultsAnswerTwoHundred() throws {
    try withServer { server in
        server.addFault(SimFault(kind: .garbage, pathPrefix: "/index.html", count: 1))
        server.addFault(SimFault(kind: .oversize, pathPrefix: "/cablegate.html", count: 1))
        let client = try RawHTTPClient(port: server.port)
        let garbage = try client.exchange("/index.html")
        #expect(garbage.status == 200)
        #expect(!garbage.text.contains("<html"))
        let big = try client.exchange("/cablegate.html")
        #expect(big.status == 200)
        #expect(big.body.count == 20 * 1024 * 1024)
    }
}

@Test func crossOriginAndRedirectFaultsPointOffsite() throws {
    try withServer { server in
        server.addFault(SimFault(kind: .crossOriginLink, count: 1))
        server.addFault(SimFault(kind: .redirectOffsite, pathPrefix: "/cable/", count: 1))
        let client = try RawHTTPClient(port: server.port)
        let listing = try client.exchange("/reldate/2010-11-28_0.html")
        #expect(listing.text.contains("<a href='http://evil.invalid/cable/"))
        let path = try firstCablePath(server)
        let redirect = try client.exchange(path)
        #expect(redirect.status == 302)
        #expect(redirect.headers["location"] == "http://127.0.0.2:\(server.port)\(path)")
        let cleared = try client.exchange("/_sim/fault/clear", method: "POST")
        #expect(cleared.status == 200)
        #expect(server.activeFaults.isEmpty)
    }
}

@Test func advanceBuildFaultPublishesTheNextBuildBeforeAnswering() throws {
    try withServer { server in
        let before = server.site.currentBuild
        server.addFault(SimFault(kind: .advanceBuild, pathPrefix: "/reldate/", count: 1))
        let client = try RawHTTPClient(port: server.port)
        _ = try client.exchange("/index.html")
        #expect(server.site.currentBuild == before)
        let page = try client.exchange("/reldate/2010-11-28_0.html")
        #expect(page.status == 200)
        #expect(server.site.currentBuild == before + 1)
        #expect(page.headers["etag"]?.hasPrefix("\"b\(before + 1)-") == true, "served from the new build")
        _ = try client.exchange("/reldate/2010-11-28_0.html")
        #expect(server.site.currentBuild == before + 1, "the fault applies once")
    }
}

@Test func removedCablesStayAsStalePagesWithAnOldCounter() throws {
    let site = SimSite(configuration: SimSiteConfiguration(cables: 300, seed: 1, builds: 12), build: 11)
    let removedIndex = try #require(
        site.schedule.changes.flatMap(\.removed).first { index in
            site.schedule.snapshot(atBuild: 11).status(of: index) == .removed
        })
    let cable = site.corpus.cables[removedIndex]
    #expect(!site.releasedCables().contains { $0.referenceId == cable.referenceId })
    let page = try #require(site.html(at: cable.path))
    #expect(!page.contains("Currently released so far... \(site.counter.released) /"))
}

@Test func rewriteFaultsComposeAndTakeRawBytesFromTheControlEndpoint() throws {
    try withServer { server in
        let client = try RawHTTPClient(port: server.port)
        let before = try client.exchange("/cablegate.html")
        // %00 and %FF become those bytes; a % without two hex digits stays as written.
        let added = try client.exchange(
            "/_sim/fault?kind=rewrite&path=/cablegate.html&find=Cable%20Viewer&replace=%00%FF%zz", method: "POST")
        #expect(added.status == 200)
        server.addFault(.rewrite("/cablegate.html", "Browse latest releases", with: "Latest"))
        let rewritten = try client.exchange("/cablegate.html", headers: ["If-None-Match": before.headers["etag"] ?? ""])
        #expect(rewritten.status == 200, "a rewritten page is another page: its ETag differs")
        let body = rewritten.body
        #expect(body.count > 0)
        let marker: [UInt8] = [0x00, 0xFF] + Array("%zz".utf8)
        #expect(body.indices.contains { body[$0...].starts(with: marker) }, "the first rewrite's bytes")
        #expect(!String(decoding: body, as: UTF8.self).contains("Browse latest releases"), "the second rewrite")
        #expect(rewritten.headers["etag"] != before.headers["etag"])
    }
}
