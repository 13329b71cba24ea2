/// `release.progress`: the released/total counter moved.
public struct ReleaseProgressData: Sendable, Hashable, Codable {
    public var released: Int
    public var total: Int
    public var previousReleased: Int
    public var previousTotal: Int

    public init(released: Int, total: Int, previousReleased: Int, previousTotal: Int) {
        self.released = released
        self.total = total
        self.previousReleased = previousReleased
        self.previousTotal = previousTotal
    }
}

/// `cable.added`: a reference ID seen for the first time, or re-added after a removal.
public struct CableAddedData: Sendable, Hashable, Codable {
    public var referenceId: String
    public var created: String
    public var released: String?
    public var classification: String
    public var origin: String
    public var subject: String
    public var tags: [String]
    public var url: String
    public var contentSHA256: String
    public var bytes: Int
    public var readded: Bool

    public init(cable: CablePage, url: String, readded: Bool) {
        self.referenceId = cable.referenceId
        self.created = cable.created
        self.released = cable.released
        self.classification = cable.classification
        self.origin = cable.origin
        self.subject = cable.fields.subject ?? cable.headline
        self.tags = cable.fields.tags
        self.url = url
        self.contentSHA256 = cable.hashes.contentSHA256
        self.bytes = cable.canonicalText.utf8.count
        self.readded = readded
    }
}

/// `cable.changed`: the canonical content of a known cable differs from its current revision.
public struct CableChangedData: Sendable, Hashable, Codable {
    public var referenceId: String
    public var revision: Int
    public var previousSHA256: String
    public var contentSHA256: String
    public var whitespaceOnly: Bool
    public var summary: TextChangeSummary
    public var origin: String
    public var classification: String
    public var tags: [String]
    public var url: String

    public init(
        referenceId: String, revision: Int, previousSHA256: String, contentSHA256: String, whitespaceOnly: Bool,
        summary: TextChangeSummary, origin: String, classification: String, tags: [String], url: String
    ) {
        self.referenceId = referenceId
        self.revision = revision
        self.previousSHA256 = previousSHA256
        self.contentSHA256 = contentSHA256
        self.whitespaceOnly = whitespaceOnly
        self.summary = summary
        self.origin = origin
        self.classification = classification
        self.tags = tags
        self.url = url
    }
}

/// `cable.removed`: a known cable is absent from a complete enumeration of the listings.
public struct CableRemovedData: Sendable, Hashable, Codable {
    public var referenceId: String
    public var lastSHA256: String

    public init(referenceId: String, lastSHA256: String) {
        self.referenceId = referenceId
        self.lastSHA256 = lastSHA256
    }
}

/// `sync.baseline`: the first complete sync of a source.
public struct SyncBaselineData: Sendable, Hashable, Codable {
    public var cables: Int
    public var released: Int
    public var total: Int

    public init(cables: Int, released: Int, total: Int) {
        self.cables = cables
        self.released = released
        self.total = total
    }
}

/// `source.anomaly`: the source said something that does not add up.
public struct SourceAnomalyData: Sendable, Hashable, Codable {
    /// What kind of anomaly.
    public enum Kind: String, Sendable, Codable {
        case counterDecreased
        case countMismatch
        case unparseablePage
        /// A page the source would not give (an HTTP error, a link or redirect off its origin): it is quarantined.
        case unfetchablePage
        case referenceMismatch
        /// A cycle would remove more cables than the mass-removal guard allows: held until confirmed.
        case massRemovalHeld
        /// A page answered 200 but holds none of what its kind of page must (a home page whose counter parses but
        /// whose sidebar yields no release day, a listing page without its table, a cable page without its cable).
        case unrecognisedMarkup
    }

    public var kind: Kind
    public var details: String
    public var url: String?

    public init(kind: Kind, details: String, url: String? = nil) {
        self.kind = kind
        self.details = details
        self.url = url
    }
}

/// `source.unreachable` / `source.recovered` / `source.stale`: the source's health changed.
public struct SourceHealthData: Sendable, Hashable, Codable {
    public var error: String?
    public var since: String
    public var consecutiveFailures: Int?

    public init(error: String?, since: String, consecutiveFailures: Int? = nil) {
        self.error = error
        self.since = since
        self.consecutiveFailures = consecutiveFailures
    }
}
