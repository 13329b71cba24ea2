/// What a freshly fetched cable page means for the archive, decided from the archived state alone.
public enum CableClassification: Sendable, Hashable {
    /// Never seen: store revision 1.
    case new
    /// It was removed and is listed again; `changed` says whether its content differs from the last revision.
    case readded(changed: Bool)
    /// Its canonical content differs from the current revision.
    case changed(whitespaceOnly: Bool)
    /// Same canonical content.
    case unchanged

    /// Classifies `hashes` of a fresh fetch against what the archive holds.
    public static func classify(_ hashes: ContentHashes, against known: ArchivedCableState?) -> CableClassification {
        guard let known else { return .new }
        let changed = known.contentSHA256 != hashes.contentSHA256
        if known.removed { return .readded(changed: changed) }
        guard changed else { return .unchanged }
        return .changed(whitespaceOnly: known.whitespaceSHA256 == hashes.whitespaceInsensitiveSHA256)
    }

    /// Whether a listing row calls for fetching the cable page: unknown, removed, or re-listed under a new date.
    public static func listingCallsForFetch(_ row: ListingRow, known: ArchivedCableState?) -> Bool {
        guard let known else { return true }
        return known.removed || known.listedReleased != row.released
    }
}
