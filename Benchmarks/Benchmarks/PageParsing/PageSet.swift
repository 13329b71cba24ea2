import CablegateSim
import CablewatchCore
import Foundation

/// The pages a benchmark runs over: simulator-generated ones, or the real pages of `../shared/real-pages` read in
/// place. Built once, on first use, outside the timed region.
struct PageSet: Sendable {
    /// One page: where it came from and its markup.
    struct Page: Sendable {
        let path: String
        let bytes: [UInt8]
    }

    /// A parsed cable with what `ContentHasher` hashes.
    struct ParsedCable: Sendable {
        let header: String
        let body: String
        let rawPage: [UInt8]
    }

    let pages: [Page]

    var byteCount: Int { pages.reduce(0) { $0 + $1.bytes.count } }

    /// Every cable page of a 1,000-cable simulated site at its last build and its first 20 listing pages.
    static let simulated = PageSet(simulatedCables: 1_000, listings: 20, seed: 20_101_128)

    /// The `<pre>` blocks and the parsed cables of `simulated`.
    static let simulatedPreBlocks = simulated.preBlocks
    static let simulatedCables = simulated.parsedCables

    /// The real cable and listing pages (`../shared/real-pages` beside the repository, or `CABLEWATCH_REAL_PAGES`).
    static let real = PageSet(realPagesIn: realPagesDirectory.path)

    /// Where the real pages are, and whether that folder exists (`parse-real-pages` is skipped when not).
    /// The cable pages of `real` alone.
    static let realCablePages = PageSet(
        pages: real.pages.filter { $0.path.hasPrefix("cables/") || $0.path.contains("-cable_") })

    static let realPagesDirectory: (path: String, exists: Bool) = {
        // This file is REPOSITORY/Benchmarks/Benchmarks/PageParsing/PageSet.swift; the pages are beside REPOSITORY.
        var repositoryParent = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { repositoryParent.deleteLastPathComponent() }
        let path =
            ProcessInfo.processInfo.environment["CABLEWATCH_REAL_PAGES"]
            ?? repositoryParent.appendingPathComponent("shared/real-pages").path
        var isDirectory: ObjCBool = false
        return (path, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }()

    init(simulatedCables cables: Int, listings: Int, seed: UInt64) {
        let site = SimSite(configuration: SimSiteConfiguration(cables: cables, seed: seed, builds: 20), build: Int.max)
        var pages = site.corpus.cables.compactMap { cable in
            site.page(at: cable.path).map { Page(path: cable.path, bytes: $0.body) }
        }
        let listingPaths = site.allPaths().filter {
            $0.hasSuffix(".html") && !$0.hasPrefix("/cable/") && $0.dropFirst().contains("/")
        }
        let ordered =
            listingPaths.filter { $0.hasPrefix("/reldate/") } + listingPaths.filter { !$0.hasPrefix("/reldate/") }
        pages += ordered.prefix(listings).compactMap { path in
            site.page(at: path).map { Page(path: path, bytes: $0.body) }
        }
        self.pages = pages
    }

    init(pages: [Page]) {
        self.pages = pages
    }

    /// The real cable pages (`*-cable_*.html` and `cables/*.html`) and the listing pages that hold rows.
    init(realPagesIn directory: String) {
        let files = FileManager.default
        let top = ((try? files.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        let cables = ((try? files.contentsOfDirectory(atPath: directory + "/cables")) ?? []).sorted()
        var pages: [Page] = []
        for name in top where name.hasSuffix(".html") {
            let isCable = name.contains("-cable_")
            let isListing = ["-reldate_", "-origin_", "-tag_", "-date_", "-classification_"].contains {
                name.contains($0)
            }
            guard isCable || isListing, let data = files.contents(atPath: directory + "/" + name) else { continue }
            let bytes = [UInt8](data)
            // Empty trailing listing pages hold no rows to time.
            if isListing, (try? PageParser.parseListing(bytes))?.rows.isEmpty ?? true { continue }
            pages.append(Page(path: name, bytes: bytes))
        }
        for name in cables where name.hasSuffix(".html") {
            guard let data = files.contents(atPath: directory + "/cables/" + name) else { continue }
            pages.append(Page(path: "cables/" + name, bytes: [UInt8](data)))
        }
        self.pages = pages
    }

    /// Throws unless every page parses: timing pages the parser rejects early would time the wrong work.
    func checkEveryPageParses() throws(PageParseError) {
        for page in pages { _ = try PageParser.parse(page.bytes) }
    }

    /// The inner markup of every `<pre>` block of the cable pages: what `CanonicalText` canonicalises.
    var preBlocks: [ArraySlice<UInt8>] {
        let open = Array("<pre>".utf8)
        let close = Array("</pre>".utf8)
        return pages.flatMap { page in
            var blocks: [ArraySlice<UInt8>] = []
            var position = page.bytes.startIndex
            while let start = Self.index(of: open, in: page.bytes, from: position),
                let end = Self.index(of: close, in: page.bytes, from: start + open.count)
            {
                blocks.append(page.bytes[(start + open.count)..<end])
                position = end + close.count
            }
            return blocks
        }
    }

    /// The cable pages, parsed.
    var parsedCables: [ParsedCable] {
        pages.compactMap { page in
            (try? PageParser.parse(page.bytes))?.cable.map {
                ParsedCable(header: $0.header, body: $0.body, rawPage: page.bytes)
            }
        }
    }

    private static func index(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
