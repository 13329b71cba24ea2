/// A mapping of the configuration file, decoded by a type whose `CodingKeys` list, in documentation order, every key
/// the mapping may hold; the unknown-key check, the environment overrides and the error messages all read them there.
protocol ConfigurationMapping {
    associatedtype CodingKeys: CodingKey & CaseIterable

    /// What is written under `key` when it is not a single value or a list of them.
    static func nesting(under key: CodingKeys) -> ConfigurationNesting?
}

/// A mapping, or a list of mappings, under a key of another mapping.
enum ConfigurationNesting {
    /// A mapping, e.g. `poll:` under the root or `filter:` under a webhook.
    case mapping(any ConfigurationMapping.Type)
    /// A list of mappings, e.g. `webhooks:`.
    case list(of: any ConfigurationMapping.Type)
}

extension ConfigurationMapping {
    static func nesting(under key: CodingKeys) -> ConfigurationNesting? { nil }

    /// The keys, as written in the file.
    static var keyNames: [String] { CodingKeys.allCases.map(\.stringValue) }

    /// What the mapping looks like, for "found … (expected …)" messages.
    static var expectedShape: String { "a mapping with the keys \(keyNames.joined(separator: ", "))" }
}
