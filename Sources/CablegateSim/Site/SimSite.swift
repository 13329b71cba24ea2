import Crypto
import Synchronization

/// The simulated site: corpus, release schedule and the current build, rendering any path on demand. Thread-safe.
public final class SimSite: Sendable {
    public let configuration: SimSiteConfiguration
    public let corpus: SimCorpus
    public let schedule: ReleaseSchedule
    private let pathToIndex: [String: Int]
    private let referenceToIndex: [String: Int]
    private let current: Mutex<SiteBuildIndex>
    /// The build before the current one, for stale listing pages (kept on an advance, made on demand otherwise).
    private let previous = Mutex<SiteBuildIndex?>(nil)
    private let hashCache = Mutex<[Int: [Int: String]]>([:])
    /// Serialises build transitions so that concurrent `advance()` calls each move exactly one build.
    private let transitions = Mutex<Void>(())

    /// Generates the corpus and schedule and positions the site at `build` (clamped to the schedule).
    public init(configuration: SimSiteConfiguration = SimSiteConfiguration(), build: Int = 0) {
        self.configuration = configuration
        let corpus = SimCorpus(seed: configuration.seed, count: configuration.cables)
        let schedule = ReleaseSchedule(
            cableCount: corpus.count, builds: configuration.builds, seed: configuration.seed,
            finalBuild: configuration.finalBuild)
        self.corpus = corpus
        self.schedule = schedule
        var paths: [String: Int] = [:]
        var references: [String: Int] = [:]
        paths.reserveCapacity(corpus.count)
        for cable in corpus.cables {
            paths[cable.path] = cable.index
            references[cable.referenceId] = cable.index
        }
        pathToIndex = paths
        referenceToIndex = references
        let target = max(0, min(build, schedule.buildCount - 1))
        current = Mutex(
            Self.makeIndex(
                corpus: corpus, schedule: schedule, configuration: configuration,
                snapshot: schedule.snapshot(atBuild: target)))
    }

    private static func makeIndex(
        corpus: SimCorpus, schedule: ReleaseSchedule, configuration: SimSiteConfiguration, snapshot: SimBuildSnapshot
    ) -> SiteBuildIndex {
        SiteBuildIndex(
            corpus: corpus, schedule: schedule, snapshot: snapshot,
            advertisedTotal: configuration.advertisedTotal ?? corpus.count,
            legacy: snapshot.build < configuration.legacyBuilds, sidebarForm: configuration.sidebarForm)
    }

    public var currentBuild: Int { current.withLock { $0.build } }
    public var lastBuild: Int { schedule.buildCount - 1 }
    /// The home page's path in the current build's era: `/index.html` in form A, `/cablegate.html` after (both serve
    /// it in every era).
    public var homePath: String { current.withLock { $0.style.homePath } }
    public var counter: SimCounter {
        current.withLock { SimCounter(released: $0.counterReleased, total: $0.counterTotal) }
    }

    /// Moves to the next build and reports it; nil when already at the last build.
    @discardableResult
    public func advance() -> SimBuildReport? {
        let moved = transitions.withLock { _ -> Int? in
            let build = currentBuild
            guard build < lastBuild else { return nil }
            transition(to: build + 1)
            return build + 1
        }
        return moved.map { report(forBuild: $0) }
    }

    /// Jumps to any build of the schedule (clamped).
    public func setBuild(_ build: Int) {
        transitions.withLock { _ in transition(to: build) }
    }

    private func transition(to build: Int) {
        let target = max(0, min(build, lastBuild))
        let index = current.withLock { $0 }
        let snapshot: SimBuildSnapshot
        if target == index.build + 1 {
            snapshot = index.snapshot.applying(schedule.changes[target])
        } else {
            snapshot = schedule.snapshot(atBuild: target)
        }
        let next = Self.makeIndex(corpus: corpus, schedule: schedule, configuration: configuration, snapshot: snapshot)
        previous.withLock { $0 = target == index.build + 1 ? index : nil }
        current.withLock { $0 = next }
    }

    /// The index of the build before `index`'s, or nil at build 0.
    private func previousIndex(before index: SiteBuildIndex) -> SiteBuildIndex? {
        guard index.build > 0 else { return nil }
        if let kept = previous.withLock({ $0 }), kept.build == index.build - 1 { return kept }
        let made = Self.makeIndex(
            corpus: corpus, schedule: schedule, configuration: configuration,
            snapshot: schedule.snapshot(atBuild: index.build - 1))
        previous.withLock { $0 = made }
        return made
    }

    /// The number, counter and changes of a build.
    public func report(forBuild build: Int) -> SimBuildReport {
        let target = max(0, min(build, lastBuild))
        let changes = schedule.changes[target]
        let reference = { (index: Int) in self.corpus.cables[index].referenceId }
        return SimBuildReport(
            build: target, releaseDay: schedule.releaseDay(ofBuild: target).dayString,
            counter: SimCounter(
                released: schedule.releasedCounts[target], total: configuration.advertisedTotal ?? corpus.count),
            changes: SimBuildReport.Changes(
                added: changes.added.map { SimBuildReport.Added(referenceId: reference($0), reAdded: false) }
                    + changes.reAdded.map { SimBuildReport.Added(referenceId: reference($0), reAdded: true) },
                changed: changes.changed.map {
                    SimBuildReport.Changed(
                        referenceId: reference($0.index), kind: $0.kind, whitespaceOnly: $0.whitespaceOnly,
                        movedToNewDay: $0.movedToNewDay)
                },
                removed: changes.removed.map(reference)))
    }

    /// Every listed cable of a build (default: the current one), newest release first.
    public func releasedCables(atBuild build: Int? = nil) -> [SimReleasedCable] {
        let index = current.withLock { $0 }
        let snapshot =
            build.map { $0 == index.build ? index.snapshot : schedule.snapshot(atBuild: $0) } ?? index.snapshot
        var result: [SimReleasedCable] = []
        result.reserveCapacity(snapshot.releasedCount)
        for cableIndex in 0..<corpus.count where snapshot.isReleased(cableIndex) {
            let metadata = corpus.cables[cableIndex]
            let revision = snapshot.editCount(of: cableIndex)
            result.append(
                SimReleasedCable(
                    referenceId: metadata.referenceId,
                    contentSHA256: contentSHA256(ofCable: cableIndex, revision: revision),
                    path: metadata.path, created: metadata.created.minuteString,
                    released: schedule.releaseDay(ofBuild: snapshot.releasedBuild(of: cableIndex)).dayString,
                    classification: metadata.classification.label, origin: metadata.origin,
                    subject: metadata.subjectFirstLine, tags: metadata.tags, revision: revision))
        }
        return result
    }

    /// The listed cables of a build keyed by reference id.
    public func releasedSet(atBuild build: Int? = nil) -> [String: SimReleasedCable] {
        Dictionary(releasedCables(atBuild: build).map { ($0.referenceId, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A cable's text as of a build (default: current); nil for an unknown id or a never released cable.
    public func cable(referenceId: String, atBuild build: Int? = nil) -> SimulatedCable? {
        guard let cableIndex = referenceToIndex[referenceId] else { return nil }
        let index = current.withLock { $0 }
        let snapshot =
            build.map { $0 == index.build ? index.snapshot : schedule.snapshot(atBuild: $0) } ?? index.snapshot
        guard snapshot.status(of: cableIndex) != .unreleased else { return nil }
        return cable(at: cableIndex, revision: snapshot.editCount(of: cableIndex))
    }

    /// The cable at a corpus index after `revision` edits.
    public func cable(at cableIndex: Int, revision: Int) -> SimulatedCable {
        corpus.cable(at: cableIndex, edits: schedule.edits(forCable: cableIndex, count: revision))
    }

    /// Canonical SHA-256 of a cable after `revision` edits (cached).
    public func contentSHA256(ofCable cableIndex: Int, revision: Int) -> String {
        if let cached = hashCache.withLock({ $0[cableIndex]?[revision] }) { return cached }
        let hash = cable(at: cableIndex, revision: revision).contentSHA256
        hashCache.withLock { $0[cableIndex, default: [:]][revision] = hash }
        return hash
    }

    /// Renders the page at `path` for the current build, or nil (404).
    ///
    /// The `staleListing` variant renders a listing page from the previous build (with its validators); at build 0,
    /// or for a page the previous build did not have, it renders the current one.
    public func page(at path: String, variant: PageVariant = .normal) -> SitePage? {
        let index = current.withLock { $0 }
        if variant == .staleListing, Self.parseListingPath(path) != nil, let older = previousIndex(before: index),
            let html = render(path: path, index: older, variant: .normal)
        {
            return makePage(Array(html.utf8), contentType: "text/html; charset=utf-8", build: older.build)
        }
        guard let html = render(path: path, index: index, variant: variant) else { return nil }
        return makePage(Array(html.utf8), contentType: "text/html; charset=utf-8", build: index.build)
    }

    /// The HTML of `path` for the current build without validators (what `generate` writes), or nil.
    public func html(at path: String) -> String? {
        render(path: path, index: current.withLock { $0 }, variant: .normal)
    }

    func makePage(_ body: [UInt8], contentType: String, build: Int) -> SitePage {
        let digest = SHA256.hash(data: body)
        let hex = digest.prefix(8).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
        let modified = schedule.releaseDay(ofBuild: build)
        let stamp = SimDate(year: modified.year, month: modified.month, day: modified.day, hour: 20, minute: 0)
        return SitePage(
            body: body, contentType: contentType, etag: "\"b\(build)-\(hex)\"", lastModified: stamp.httpDateString,
            lastModifiedEpoch: stamp.epochSeconds)
    }

    /// Every path the current build serves (both home paths, all listing pages, cable pages incl. stale ones).
    public func allPaths() -> [String] {
        let index = current.withLock { $0 }
        var paths = ["/index.html", "/cablegate.html"]
        for kind in ListingKind.allCases {
            for (key, rows) in (index.listings[kind] ?? [:]).sorted(by: { $0.key < $1.key }) {
                for page in 0...PageRenderer.lastPage(rows: rows.count) {
                    paths.append(kind.path(key: key, page: page))
                }
            }
        }
        for cable in corpus.cables {
            switch index.snapshot.status(of: cable.index) {
            case .released: paths.append(cable.path)
            case .removed where configuration.serveStaleRemovedPages: paths.append(cable.path)
            default: break
            }
        }
        return paths
    }

    private func render(path: String, index: SiteBuildIndex, variant: PageVariant) -> String? {
        let renderer = PageRenderer(corpus: corpus, schedule: schedule, index: index)
        if path == "/" || path == "/index.html" || path == "/cablegate.html" { return renderer.homePage() }
        if path.hasPrefix("/cable/") {
            guard let cableIndex = pathToIndex[path] else { return nil }
            let snapshot = index.snapshot
            let cable = cable(at: cableIndex, revision: snapshot.editCount(of: cableIndex))
            switch snapshot.status(of: cableIndex) {
            case .released:
                return renderer.cablePage(
                    cable, releasedBuild: snapshot.releasedBuild(of: cableIndex), cutSecondBlock: variant == .cutPre)
            case .removed where configuration.serveStaleRemovedPages:
                let removedAt = snapshot.removedBuild(of: cableIndex)
                return renderer.cablePage(
                    cable, releasedBuild: snapshot.releasedBuild(of: cableIndex),
                    counterReleased: schedule.releasedCounts[max(0, removedAt - 1)],
                    cutSecondBlock: variant == .cutPre)
            default:
                return nil
            }
        }
        guard let (kind, key, page) = Self.parseListingPath(path) else { return nil }
        return renderer.listingPage(
            kind, key: key, page: page, linkHost: variant == .crossOriginLinks ? "http://evil.invalid" : "")
    }

    /// `/tag/PREL_3.html` → (.tag, "PREL", 3).
    static func parseListingPath(_ path: String) -> (ListingKind, String, Int)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count == 2, let kind = ListingKind(rawValue: String(parts[0])), parts[1].hasSuffix(".html")
        else { return nil }
        let name = parts[1].dropLast(5)
        guard let underscore = name.lastIndex(of: "_"), let page = Int(name[name.index(after: underscore)...])
        else { return nil }
        return (kind, String(name[..<underscore]), page)
    }
}
