/// Everything needed to render one build's pages: listings grouped by key, origin ids, and the rendered sidebar.
final class SiteBuildIndex: Sendable {
    let build: Int
    let snapshot: SimBuildSnapshot
    let releaseDay: SimDate
    let counterReleased: Int
    let counterTotal: Int
    /// True when this build uses the earliest format (monthly release listings, no Released column).
    let legacy: Bool
    /// The markup variant of this build's era.
    let style: PageStyle
    /// `YYYY-MM-DD` of every build's release day up to this one, by build number (listing rows show them).
    private let releaseDayStrings: [String]
    /// Released cables, newest release first.
    let order: [Int]
    let listings: [ListingKind: [String: [Int]]]
    /// Link text per listing key (origin names, classification labels, dates).
    let labels: [ListingKind: [String: String]]
    /// Origin id per station index, for this build only.
    let originIds: [Int: Int]
    let sidebarBeforeCounter: String
    let sidebarAfterCounter: String

    /// - Parameter sidebarForm: forces one sidebar form; nil for the form of the build's release day.
    init(
        corpus: SimCorpus, schedule: ReleaseSchedule, snapshot: SimBuildSnapshot, advertisedTotal: Int,
        legacy: Bool = false, sidebarForm: SidebarForm? = nil
    ) {
        build = snapshot.build
        self.legacy = legacy
        self.snapshot = snapshot
        releaseDay = schedule.releaseDay(ofBuild: snapshot.build)
        style = PageStyle(releaseDay: releaseDay, forcedForm: sidebarForm)
        releaseDayStrings = (0...max(0, snapshot.build)).map { schedule.releaseDay(ofBuild: $0).dayString }
        counterReleased = snapshot.releasedCount
        counterTotal = advertisedTotal
        var released: [Int] = []
        released.reserveCapacity(snapshot.releasedCount)
        for index in 0..<corpus.count where snapshot.isReleased(index) { released.append(index) }
        released.sort { left, right in
            let leftBuild = snapshot.releasedBuild(of: left)
            let rightBuild = snapshot.releasedBuild(of: right)
            return leftBuild != rightBuild ? leftBuild > rightBuild : left > right
        }
        order = released

        var originNames: [Int: String] = [:]
        for index in released { originNames[corpus.cables[index].stationIndex] = corpus.cables[index].origin }
        let sortedStations = originNames.keys.sorted { (originNames[$0] ?? "", $0) < (originNames[$1] ?? "", $1) }
        var originIds: [Int: Int] = [:]
        for (position, station) in sortedStations.enumerated() { originIds[station] = position + 1 }
        self.originIds = originIds

        var listings: [ListingKind: [String: [Int]]] = [:]
        var labels: [ListingKind: [String: String]] = [:]
        for kind in ListingKind.allCases {
            listings[kind] = [:]
            labels[kind] = [:]
        }
        for index in released {
            let cable = corpus.cables[index]
            let day = releaseDayStrings[snapshot.releasedBuild(of: index)]
            listings[.releaseDay, default: [:]][legacy ? String(day.prefix(7)) : day, default: []].append(index)
            listings[.creationMonth, default: [:]][cable.created.monthString, default: []].append(index)
            let originKey = String(originIds[cable.stationIndex] ?? 0)
            listings[.origin, default: [:]][originKey, default: []].append(index)
            labels[.origin, default: [:]][originKey] = cable.origin
            for tag in cable.tags { listings[.tag, default: [:]][tag, default: []].append(index) }
            listings[.classification, default: [:]][String(cable.classification.rawValue), default: []].append(index)
        }
        for classification in SimClassification.allCases {
            labels[.classification, default: [:]][String(classification.rawValue)] = classification.label
        }
        self.listings = listings
        self.labels = labels

        let parts = SidebarRenderer.render(
            style: style,
            entries: SidebarRenderer.Entries(
                releaseKeys: Array((listings[.releaseDay] ?? [:]).keys),
                months: (listings[.creationMonth] ?? [:]).keys.sorted(),
                origins: sortedStations.map { (id: originIds[$0] ?? 0, name: originNames[$0] ?? "") },
                tags: (listings[.tag] ?? [:]).keys.sorted()))
        sidebarBeforeCounter = parts.before
        sidebarAfterCounter = parts.after
    }

    /// The whole sidebar with the given counter (stale pages carry an older one).
    func sidebar(released: Int, total: Int) -> String {
        sidebarBeforeCounter + SidebarRenderer.counterLine(released: released, total: total) + sidebarAfterCounter
    }

    /// The key of a release listing for a release day: the day, or its month in the legacy format.
    func releaseKey(_ day: SimDate) -> String { legacy ? day.monthString : day.dayString }

    func rows(_ kind: ListingKind, key: String) -> [Int]? { listings[kind]?[key] }

    /// The listing's name as its heading shows it: `2011/02/04`, `2008/03`, an origin, a tag, a classification.
    func label(_ kind: ListingKind, key: String) -> String {
        switch kind {
        case .releaseDay, .creationMonth: key.replacingOccurrences(of: "-", with: "/")
        case .origin, .tag, .classification: labels[kind]?[key] ?? key
        }
    }

    /// `YYYY-MM-DD` of a build's release day (this build or an earlier one).
    func releaseDayString(ofBuild build: Int) -> String {
        releaseDayStrings.indices.contains(build) ? releaseDayStrings[build] : ""
    }
}
