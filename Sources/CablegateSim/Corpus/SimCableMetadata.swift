/// What the simulator keeps in memory per cable; the texts are regenerated from the seed on demand.
public struct SimCableMetadata: Sendable, Hashable {
    /// Position in the corpus (and in release order).
    public let index: Int
    /// The reference id exactly as the site shows it (possibly malformed).
    public let referenceId: String
    public let created: SimDate
    public let classification: SimClassification
    public let tags: [String]
    /// The first line of the SUBJECT, as listings show it (trailing spaces trimmed).
    public let subjectFirstLine: String
    let stationIndex: Int
    let serial: Int

    public var station: SimStation { SimStationCatalog.all[stationIndex] }
    public var origin: String { station.origin }
    /// `/cable/YYYY/MM/REFID.html`, YYYY/MM being the creation month.
    public var path: String {
        "/cable/\(SimDate.pad(created.year, 4))/\(SimDate.pad(created.month, 2))/\(referenceId).html"
    }
}
