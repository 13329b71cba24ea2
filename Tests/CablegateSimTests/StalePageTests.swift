import Foundation
import Testing

@testable import CablegateSim

@Test func staleListingVariantServesThePreviousBuildsPage() throws {
    let site = SimSite(configuration: SimSiteConfiguration(cables: 300, seed: 1, builds: 12), build: 5)
    let previousCount = site.schedule.releasedCounts[4]
    let current = try #require(site.page(at: "/reldate/2010-11-28_0.html"))
    let stale = try #require(site.page(at: "/reldate/2010-11-28_0.html", variant: .staleListing))
    #expect(current.etag.hasPrefix("\"b5-") && stale.etag.hasPrefix("\"b4-"))
    let text = String(decoding: stale.body, as: UTF8.self)
    #expect(text.contains("<p>Currently released so far... \(previousCount) / "))
    #expect(!text.contains("<a href='/reldate/2010-12-03_0.html'>"), "build 5's day is not listed yet")
    // Not a listing, or no older build: the current page.
    #expect(site.page(at: "/index.html", variant: .staleListing)?.etag == site.page(at: "/index.html")?.etag)
    site.setBuild(0)
    #expect(site.page(at: "/reldate/2010-11-28_0.html", variant: .staleListing)?.etag.hasPrefix("\"b0-") == true)
}

@Test func staleListingFaultAnswersWithTheOlderCounter() throws {
    let site = SimSite(configuration: SimSiteConfiguration(cables: 300, seed: 1, builds: 12), build: 3)
    let server = try SimServer(site: site, port: 0)
    server.start()
    defer { server.stop() }
    let fault = try SimFault(specification: "staleListing:/reldate/:1")
    #expect(fault.kind == .staleListing && fault.count == 1)
    server.addFault(fault)
    let client = try RawHTTPClient(port: server.port)
    let home = try client.exchange("/index.html")
    #expect(home.headers["etag"]?.hasPrefix("\"b3-") == true, "only listing pages take the fault")
    let stale = try client.exchange("/reldate/2010-11-28_0.html")
    #expect(stale.status == 200)
    #expect(stale.headers["etag"]?.hasPrefix("\"b2-") == true)
    #expect(stale.text.contains("Currently released so far... \(site.schedule.releasedCounts[2]) / "))
    let fresh = try client.exchange("/reldate/2010-11-28_0.html")
    #expect(fresh.headers["etag"]?.hasPrefix("\"b3-") == true, "the fault applies once")
}

@Test func keepStaleWritesEveryBuildAndLeavesOlderFilesBehind() throws {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("cablegate-sim-keep-stale-\(UInt32.random(in: 0...UInt32.max))").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let site = SimSite(configuration: SimSiteConfiguration(cables: 150, seed: 4, builds: 6))
    let summary = try StaticSiteWriter(site: site, directory: directory).writeEveryBuild(through: 5)
    #expect(site.currentBuild == 5)
    #expect(summary.pages > 0)
    func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: directory + path)), as: UTF8.self)
    }
    // Builds 0-2 (form A) wrote /index.html, builds 3-5 /cablegate.html.
    let index = try read("/index.html")
    let cablegate = try read("/cablegate.html")
    #expect(index.contains("Currently released so far... \(site.schedule.releasedCounts[2]) / "))
    #expect(cablegate.contains("Currently released so far... \(site.schedule.releasedCounts[5]) / "))
    #expect(index != cablegate)
}

@Test func aPlainWriteHasTheHomePageAtBothPaths() throws {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("cablegate-sim-write-\(UInt32.random(in: 0...UInt32.max))").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let site = SimSite(configuration: SimSiteConfiguration(cables: 100, seed: 4, builds: 6), build: 5)
    let summary = try StaticSiteWriter(site: site, directory: directory).write()
    #expect(summary.pages == site.allPaths().count)
    let index = try Data(contentsOf: URL(fileURLWithPath: directory + "/index.html"))
    #expect(index == (try Data(contentsOf: URL(fileURLWithPath: directory + "/cablegate.html"))))
}
