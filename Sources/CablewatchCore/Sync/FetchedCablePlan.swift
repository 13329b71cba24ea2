/// What one freshly fetched cable page writes to the archive and which event announces it (DESIGN.md §3.1, §4).
public struct FetchedCablePlan: Sendable, Hashable {
    public var write: CableWrite
    /// `cable.added` or `cable.changed`; nil for an unchanged cable, and for a new one when per-cable events are off.
    public var event: PendingEvent?
    /// Whether the cable joins the active archive (new or re-added).
    public var joinsArchive: Bool

    public init(write: CableWrite, event: PendingEvent?, joinsArchive: Bool) {
        self.write = write
        self.event = event
        self.joinsArchive = joinsArchive
    }

    /// Whether planning `cable` needs the text of its current revision, which only a `cable.changed` summary reads.
    public static func needsPreviousText(_ cable: CablePage, known: ArchivedCableState?) -> Bool {
        if case .changed = CableClassification.classify(cable.hashes, against: known) { return true }
        return false
    }

    /// Plans `cable`, fetched from `url` for a listing row released `listedReleased`, against what the archive
    /// holds. `previousText` is the current revision's canonical text when `needsPreviousText`; `announceAdded` says
    /// whether a new cable gets its own `cable.added` (after the baseline, or with `events.baselinePerCable`).
    public static func plan(
        _ cable: CablePage, url: String, listedReleased: String?, known: ArchivedCableState?, previousText: String?,
        announceAdded: Bool
    ) -> FetchedCablePlan {
        let revision = (known?.revision ?? 0) + 1
        func write(_ kind: CableWrite.Kind, readded: Bool = false) -> CableWrite {
            CableWrite(kind: kind, page: cable, url: url, listedReleased: listedReleased, readded: readded)
        }
        switch CableClassification.classify(cable.hashes, against: known) {
        case .new:
            // Built only when announced: encoding it reads the whole text, once per cable of a backfill.
            let added =
                announceAdded
                ? PendingEvent(.cableAdded, CableAddedData(cable: cable, url: url, readded: false)) : nil
            return FetchedCablePlan(write: write(.insert), event: added, joinsArchive: true)
        case .readded(let changed):
            return FetchedCablePlan(
                write: write(changed ? .newRevision(number: revision) : .touch, readded: true),
                event: PendingEvent(.cableAdded, CableAddedData(cable: cable, url: url, readded: true)),
                joinsArchive: true)
        case .changed(let whitespaceOnly):
            let changed = CableChangedData(
                referenceId: cable.referenceId, revision: revision, previousSHA256: known?.contentSHA256 ?? "",
                contentSHA256: cable.hashes.contentSHA256, whitespaceOnly: whitespaceOnly,
                summary: TextChangeSummary.between(old: previousText ?? "", new: cable.canonicalText),
                origin: cable.origin, classification: cable.classification, tags: cable.fields.tags, url: url)
            return FetchedCablePlan(
                write: write(.newRevision(number: revision)), event: PendingEvent(.cableChanged, changed),
                joinsArchive: false)
        case .unchanged:
            return FetchedCablePlan(write: write(.touch), event: nil, joinsArchive: false)
        }
    }
}
