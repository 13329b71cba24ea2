import CablegateSim
import CablewatchCore
import Foundation

/// Generates cable and listing pages with the simulator, then times `PageParser.parse` (parse, canonical text and
/// the three hashes) over all of them on the calling thread, round after round.
struct ParseThroughputBenchmark {
    /// One page of the benchmark set.
    struct Page {
        let path: String
        let bytes: [UInt8]
        let isCable: Bool
    }

    let options: ParseBenchOptions

    func run() throws(BenchError) -> ParseThroughputResult {
        let clock = ContinuousClock()
        let generationStart = clock.now
        let pages: [Page]
        if let directory = options.realPages {
            pages = try Self.readRealPages(in: directory)
        } else {
            pages = try generatePages()
        }
        let generationSeconds = Self.seconds(clock.now - generationStart)
        let bytes = pages.reduce(0) { $0 + $1.bytes.count }

        // The warm-up round also checks that every page parses into what it is.
        var checksum = try parseAll(pages, checking: true)
        var roundSeconds: [Double] = []
        for _ in 0..<options.rounds {
            let start = clock.now
            checksum &+= try parseAll(pages, checking: false)
            roundSeconds.append(Self.seconds(clock.now - start))
        }
        let megabytes = Double(bytes) / 1_000_000
        return ParseThroughputResult(
            cablePages: pages.count { $0.isCable },
            listingPages: pages.count { !$0.isCable },
            bytesPerRound: bytes,
            meanPageBytes: pages.isEmpty ? 0 : bytes / pages.count,
            rounds: options.rounds,
            seed: options.seed,
            generationSeconds: generationSeconds,
            roundSeconds: roundSeconds,
            megabytesPerSecond: Statistics(roundSeconds.map { megabytes / $0 }),
            pagesPerSecond: Statistics(roundSeconds.map { Double(pages.count) / $0 }),
            checksum: checksum)
    }

    /// Every cable page of an `options.cables`-cable site at its last build (removed cables as their stale page),
    /// then up to `options.listings` listing pages, release listings first.
    func generatePages() throws(BenchError) -> [Page] {
        let site = SimSite(
            configuration: SimSiteConfiguration(cables: options.cables, seed: options.seed, builds: 20),
            build: Int.max)
        var pages: [Page] = []
        pages.reserveCapacity(options.cables + options.listings)
        for cable in site.corpus.cables {
            guard let page = site.page(at: cable.path) else { throw .missingPage(path: cable.path) }
            pages.append(Page(path: cable.path, bytes: page.body, isCable: true))
        }
        let listingPaths = site.allPaths().filter {
            $0.hasSuffix(".html") && !$0.hasPrefix("/cable/") && $0.dropFirst().contains("/")
        }
        let ordered =
            listingPaths.filter { $0.hasPrefix("/reldate/") } + listingPaths.filter { !$0.hasPrefix("/reldate/") }
        for path in ordered.prefix(options.listings) {
            guard let page = site.page(at: path) else { throw .missingPage(path: path) }
            pages.append(Page(path: path, bytes: page.body, isCable: false))
        }
        return pages
    }

    /// The real cable pages of `directory` (`*cable_*.html` and `cables/*.html`) and its release-day and other
    /// listing pages that hold rows (`*reldate_*`, `*origin_*`, `*tag_*`, `*date_*`, `*classification_*`).
    static func readRealPages(in directory: String) throws(BenchError) -> [Page] {
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
            pages.append(Page(path: name, bytes: bytes, isCable: isCable))
        }
        for name in cables where name.hasSuffix(".html") {
            guard let data = files.contents(atPath: directory + "/cables/" + name) else { continue }
            pages.append(Page(path: "cables/" + name, bytes: [UInt8](data), isCable: true))
        }
        guard !pages.isEmpty else { throw .missingPage(path: directory) }
        return pages
    }

    /// Parses every page once; returns a checksum of the results so the work cannot be optimised away.
    private func parseAll(_ pages: [Page], checking: Bool) throws(BenchError) -> Int {
        var checksum = 0
        for page in pages {
            let parsed: ParsedPage
            do {
                parsed = try PageParser.parse(page.bytes)
            } catch {
                throw .unparseablePage(path: page.path, error: error)
            }
            if let cable = parsed.cable {
                checksum &+= Int(cable.hashes.contentSHA256.utf8.first ?? 0) &+ cable.body.utf8.count
            } else if let listing = parsed.listing {
                checksum &+= listing.rows.count
            }
            if checking, (parsed.cable != nil) != page.isCable || (parsed.listing != nil) == page.isCable {
                throw .unexpectedContent(path: page.path, expected: page.isCable ? "a cable" : "a listing")
            }
        }
        return checksum
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
