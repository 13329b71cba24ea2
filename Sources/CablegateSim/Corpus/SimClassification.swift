/// The six classifications of the site, numbered as in `/classification/N_P.html` (DESIGN.md §2).
public enum SimClassification: Int, CaseIterable, Sendable, Codable {
    case confidential = 1
    case confidentialNoforn = 2
    case secret = 3
    case secretNoforn = 4
    case unclassified = 5
    case unclassifiedFOUO = 6

    /// The label shown in listings and on cable pages.
    public var label: String {
        switch self {
        case .confidential: "CONFIDENTIAL"
        case .confidentialNoforn: "CONFIDENTIAL//NOFORN"
        case .secret: "SECRET"
        case .secretNoforn: "SECRET//NOFORN"
        case .unclassified: "UNCLASSIFIED"
        case .unclassifiedFOUO: "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
        }
    }

    /// The deliberately wrong `title=` attribute the site puts on classification links.
    public var wrongTitle: String {
        let all = Self.allCases
        return all[rawValue % all.count].label
    }

    /// The banner line opening the cable text (spaced letters for classified cables).
    var banner: String {
        switch self {
        case .confidential, .confidentialNoforn: "C O N F I D E N T I A L"
        case .secret, .secretNoforn: "S E C R E T"
        case .unclassified: "UNCLAS"
        case .unclassifiedFOUO: "UNCLAS SENSITIVE"
        }
    }

    /// Paragraph markings plausible for this classification.
    var paragraphMarkings: [String] {
        switch self {
        case .confidential: ["(C)", "(C)", "(SBU)", "(U)"]
        case .confidentialNoforn: ["(C//NF)", "(C)", "(SBU)"]
        case .secret: ["(S)", "(C)", "(S)", "(U)"]
        case .secretNoforn: ["(S//NF)", "(S)", "(C)"]
        case .unclassified: ["(U)", "(SBU)"]
        case .unclassifiedFOUO: ["(SBU)", "(U)"]
        }
    }

    var isClassified: Bool { rawValue <= 4 }
    var isNoforn: Bool { self == .confidentialNoforn || self == .secretNoforn }

    /// Cumulative weights roughly matching the real release's mix, in `allCases` order.
    static let cumulativeWeights: [Double] = {
        var sum = 0.0
        return [37.0, 2.0, 2.6, 1.7, 33.0, 23.7].map { weight in
            sum += weight
            return sum
        }
    }()
}
