import GRDB

/// A cable joined with one of its revisions: what `show`, `export` and the canonical-text lookup read.
struct CableRevisionRow: Decodable, FetchableRecord {
    var cable: CableRow
    var revision: RevisionRow

    /// The cables `cables` selects, joined with their revision `number`, or with their current revision when
    /// `number` is nil.
    static func request(_ cables: QueryInterfaceRequest<CableRow>, revision number: Int? = nil)
        -> QueryInterfaceRequest<CableRevisionRow>
    {
        let cable = TableAlias<CableRow>()
        let revisionNumber = number.map(\.sqlExpression) ?? cable[CableRow.Columns.currentRevision]
        return cables.aliased(cable)
            .including(
                required: CableRow.revisions.filter(RevisionRow.Columns.number == revisionNumber).forKey("revision")
            )
            .asRequest(of: CableRevisionRow.self)
    }

    /// The cable with this revision's text, as `show` and `export` give it.
    var detail: CableDetail {
        CableDetail(
            referenceId: cable.referenceId, created: cable.created, released: cable.released,
            classification: cable.classification, origin: cable.origin, subject: cable.subject, tags: cable.tagList,
            reference: cable.reference, url: cable.url, revision: revision.number,
            currentRevision: cable.currentRevision, contentSHA256: revision.contentSHA256,
            rawSHA256: revision.rawSHA256, whitespaceSHA256: revision.whitespaceSHA256, fetchedAt: revision.fetchedAt,
            firstSeenAt: cable.firstSeenAt, removedAt: cable.removedAt, header: revision.header.string,
            body: revision.body.string)
    }
}
