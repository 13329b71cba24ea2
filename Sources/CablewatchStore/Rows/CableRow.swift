import CablewatchCore
import GRDB

/// A row of the `cable` table (DESIGN.md §3): one per Reference ID, with what its latest fetch said about it.
struct CableRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "cable"
    /// Every revision of the cable (`revision.referenceId` references `cable`).
    static let revisions = hasMany(RevisionRow.self)

    var referenceId: String
    var created: String
    var released: String?
    var listedReleased: String?
    var classification: String
    var origin: String
    var subject: String
    /// The cable's tags, separated by single spaces.
    var tags: String
    var reference: String?
    var url: String
    var currentRevision: Int
    var contentSHA256: String
    var firstSeenAt: String
    var lastSeenAt: String
    var lastFetchedAt: String
    var removedAt: String?

    /// The columns the queries filter and order by.
    enum Columns {
        static let referenceId = Column(CodingKeys.referenceId)
        static let released = Column(CodingKeys.released)
        static let classification = Column(CodingKeys.classification)
        static let origin = Column(CodingKeys.origin)
        static let tags = Column(CodingKeys.tags)
        static let currentRevision = Column(CodingKeys.currentRevision)
        static let lastFetchedAt = Column(CodingKeys.lastFetchedAt)
        static let removedAt = Column(CodingKeys.removedAt)
    }

    /// The cables that are not removed.
    static let active = CableRow.filter(Columns.removedAt == nil)

    /// Active cables last fetched before `fetchedBefore` (a timestamp).
    static func dueForRevalidation(fetchedBefore: String) -> QueryInterfaceRequest<CableRow> {
        active.filter(Columns.lastFetchedAt < fetchedBefore)
    }

    /// The row of a cable seen for the first time: revision 1, seen and fetched at `timestamp`.
    init(firstSeen write: CableWrite, timestamp: String) {
        let page = write.page
        referenceId = page.referenceId
        created = page.created
        released = page.released
        listedReleased = write.listedReleased
        classification = page.classification
        origin = page.origin
        subject = write.subject
        tags = write.tagsColumn
        reference = page.fields.reference
        url = write.url
        currentRevision = 1
        contentSHA256 = page.hashes.contentSHA256
        firstSeenAt = timestamp
        lastSeenAt = timestamp
        lastFetchedAt = timestamp
        removedAt = nil
    }

    /// Takes the metadata, URL and fetch time of `write`, whose content is the current revision's; a removed cable
    /// is back.
    mutating func touch(_ write: CableWrite, timestamp: String) {
        let page = write.page
        created = page.created
        released = page.released
        listedReleased = write.listedReleased
        classification = page.classification
        origin = page.origin
        subject = write.subject
        tags = write.tagsColumn
        url = write.url
        lastSeenAt = timestamp
        lastFetchedAt = timestamp
        removedAt = nil
    }

    /// Makes `write`, stored as revision `number`, the cable's current revision.
    mutating func advance(to number: Int, _ write: CableWrite, timestamp: String) {
        touch(write, timestamp: timestamp)
        reference = write.page.fields.reference
        currentRevision = number
        contentSHA256 = write.page.hashes.contentSHA256
    }

    /// The row as `list` shows it.
    var summary: CableSummary {
        CableSummary(
            referenceId: referenceId, created: created, released: released, classification: classification,
            origin: origin, subject: subject, tags: tagList, revision: currentRevision, contentSHA256: contentSHA256,
            removedAt: removedAt)
    }

    var tagList: [String] { tags.split(separator: " ").map(String.init) }
}

extension CableWrite {
    /// The subject stored for the cable: the page's SUBJECT field, or its headline when it has none.
    package var subject: String { page.fields.subject ?? page.headline }

    /// The tags as the `cable.tags` column stores them.
    package var tagsColumn: String { page.fields.tags.joined(separator: " ") }
}
