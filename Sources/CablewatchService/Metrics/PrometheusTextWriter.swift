/// Writes the Prometheus text exposition format (version 0.0.4): one `# HELP` and `# TYPE` per family, then its
/// samples; label values escaped; integral values without a fraction.
public struct PrometheusTextWriter: Sendable {
    /// A metric family's type.
    public enum Kind: String, Sendable {
        case counter
        case gauge
    }

    /// One sample: label pairs and a value.
    public struct Sample: Sendable {
        public var labels: [(String, String)]
        public var value: Double

        public init(_ value: Double, labels: [(String, String)] = []) {
            self.labels = labels
            self.value = value
        }
    }

    public private(set) var text = ""

    public init() {}

    /// Adds a family with its samples (a family without samples still documents itself).
    public mutating func family(_ name: String, _ kind: Kind, help: String, _ samples: [Sample]) {
        text += "# HELP \(name) \(Self.escapeHelp(help))\n"
        text += "# TYPE \(name) \(kind.rawValue)\n"
        for sample in samples {
            text += name
            if !sample.labels.isEmpty {
                text += "{"
                text += sample.labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",")
                text += "}"
            }
            text += " \(Self.format(sample.value))\n"
        }
    }

    /// Adds a family with one unlabelled sample.
    public mutating func family(_ name: String, _ kind: Kind, help: String, value: Double) {
        family(name, kind, help: help, [Sample(value)])
    }

    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func escapeLabel(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
