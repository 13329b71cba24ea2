import CablegateSim
import CablewatchCore
import Foundation
import Testing

/// The benchmark site of real cable pages (`cablegate-sim generate --cable-pages-from`): every cloned page parses as
/// the simulated cable it stands for, with the text of the real page it was cloned from.
@Suite(.enabled(if: RealPages.available, RealPages.skipReason))
struct RealCablePageClonerTests {
    static let cablesFolder = RealPages.directory.appendingPathComponent("cables").path

    @Test func everyClonedPageParsesUnderItsNewReferenceIdWithTheRealText() throws {
        let cloner = try RealCablePageCloner(paths: [Self.cablesFolder])
        #expect(cloner.templateCount == (try RealPages.cablePageNames()).count)
        var realIds: [String: String] = [:]
        for name in try RealPages.cablePageNames() {
            let real = try PageParser.parseCable(try RealPages.bytes("cables/" + name))
            realIds[real.hashes.contentSHA256] = real.referenceId
        }
        let site = SimSite(configuration: SimSiteConfiguration(cables: 300, seed: 7, builds: 4), build: 3)
        let cablePaths = site.allPaths().filter { $0.hasPrefix("/cable/") }
        #expect(cablePaths.count > 200)
        var templatesUsed: Set<String> = []
        for path in cablePaths {
            let referenceId = String(path.split(separator: "/").last?.dropLast(".html".count) ?? "")
            let page = cloner.page(atPath: path)
            let cable = try PageParser.parseCable(page)
            #expect(cable.referenceId == referenceId, "\(path)")
            let realId = try #require(
                realIds[cable.hashes.contentSHA256], "\(path): text is not one of the real pages'")
            templatesUsed.insert(cable.hashes.contentSHA256)
            let text = String(decoding: page, as: UTF8.self)
            #expect(text.contains("href='\(path)'"), "\(path): the page does not link itself")
            let markup = text.components(separatedBy: "<code><pre>").first ?? text
            #expect(!markup.contains(realId), "\(path) still names \(realId) in its markup")
        }
        // Clones spread over the real pages rather than repeating one.
        #expect(templatesUsed.count > cloner.templateCount / 2)
    }

    @Test func writtenSiteHasClonedCablePagesAndRenderedListings() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cablegate-sim-real-clones-\(UInt32.random(in: 0...UInt32.max))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let site = SimSite(configuration: SimSiteConfiguration(cables: 120, seed: 3, builds: 4), build: 3)
        let cloner = try RealCablePageCloner(paths: [Self.cablesFolder])
        let summary = try StaticSiteWriter(site: site, directory: directory, realCablePages: cloner).write()
        #expect(summary.pages == site.allPaths().count)
        #expect(summary.cablePages == site.allPaths().filter { $0.hasPrefix("/cable/") }.count)
        // Real cable pages are larger than the simulator's: the 2011 sidebar alone is about 50 KB.
        #expect(summary.meanCablePageBytes > 45_000)
        let home = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + site.homePath)))
        #expect(try PageParser.parseCounter(home).released == site.counter.released)
        for released in site.releasedCables().prefix(20) {
            let page = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + released.path)))
            #expect(try PageParser.parseCable(page).referenceId == released.referenceId)
        }
    }

    @Test func aPageThatIsNotACablePageIsRefusedWithItsName() throws {
        let listing = RealPages.directory.appendingPathComponent("2011-02-13_c4039-avilaroman-tag_PREL_0.html").path
        #expect {
            try RealCablePageCloner(paths: [listing])
        } throws: { error in
            "\(error)".contains("tag_PREL_0.html") && "\(error)".contains("Viewing cable")
        }
        #expect(
            throws: CablegateSimError.invalidTemplate(path: "/nonexistent/cables", reason: "no such file or folder")
        ) {
            try RealCablePageCloner(paths: ["/nonexistent/cables"])
        }
        let empty = FileManager.default.temporaryDirectory
            .appendingPathComponent("cablegate-sim-no-pages-\(UInt32.random(in: 0...UInt32.max))").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(throws: CablegateSimError.invalidTemplate(path: empty, reason: "no .html page")) {
            try RealCablePageCloner(paths: [empty])
        }
    }
}
