/// What `cablewatch config check` prints: every effective value (secrets redacted) and any warnings.
public struct ConfigurationCheckReport: Sendable, Equatable {
    /// One `key: value` line per effective value, in documentation order.
    public var values: [String]
    /// Things that work but should be fixed, e.g. a secret file readable by others.
    public var warnings: [String]

    /// Creates a report.
    public init(values: [String], warnings: [String]) {
        self.values = values
        self.warnings = warnings
    }

    /// The report as printed: the values, then one `warning: …` line per warning.
    public var text: String {
        (values + warnings.map { "warning: \($0)" }).joined(separator: "\n")
    }
}
