/// Fields read from a cable's text. Every one is optional: a missing field is nil, never an error.
public struct CableTextFields: Sendable, Hashable, Codable {
    /// TAGS, in order, e.g. `["PREL", "PINR"]`.
    public var tags: [String]
    /// SUBJECT/SUBJ, wrapped lines joined with one space, trimmed.
    public var subject: String?
    /// The `E.O. 12958: …` line's value (after the colon), trimmed.
    public var executiveOrder: String?
    /// The `Classified By:` value, trimmed.
    public var classifiedBy: String?
    /// The `REF:` value (possibly wrapped, joined with one space), trimmed.
    public var reference: String?
    /// Precedence and date-time group line from the header, e.g. `O 260810Z MAY 06`.
    public var dateTimeGroup: String?
    /// The `FM` line's value, e.g. `AMEMBASSY SEOUL`.
    public var from: String?
    /// The `TO` addressees (the `TO` line's value, one entry per line of the TO block).
    public var to: [String]

    public init(
        tags: [String] = [], subject: String? = nil, executiveOrder: String? = nil, classifiedBy: String? = nil,
        reference: String? = nil, dateTimeGroup: String? = nil, from: String? = nil, to: [String] = []
    ) {
        self.tags = tags
        self.subject = subject
        self.executiveOrder = executiveOrder
        self.classifiedBy = classifiedBy
        self.reference = reference
        self.dateTimeGroup = dateTimeGroup
        self.from = from
        self.to = to
    }
}
