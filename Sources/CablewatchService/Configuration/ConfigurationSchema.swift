/// The keys the configuration file knows, in the order they are documented and reported.
enum ConfigurationSchema {
    /// Sections whose values are all scalars (and can be overridden from the environment), with their keys.
    static let scalarSections: [(name: String, keys: [String])] = [
        ("source", ["url", "home"]),
        (
            "poll",
            [
                "interval", "jitter", "revalidate", "timeout", "failuresBeforeAlert", "staleAfter",
                "massRemovalMinimum", "massRemovalPercent",
            ]
        ),
        ("http", ["userAgent", "connectTimeout", "timeout", "concurrency", "perHostDelay", "maxBodyBytes", "proxy"]),
        ("storage", ["path"]),
        ("events", ["log", "baselinePerCable"]),
        ("metrics", ["listen"]),
    ]

    /// The key holding the list of webhooks.
    static let webhooksKey = "webhooks"

    /// Every top-level key.
    static let topLevelKeys = scalarSections.map(\.name) + [webhooksKey]

    /// Keys of one webhook entry.
    static let webhookKeys = [
        "name", "url", "secretCredential", "secretFile", "secret", "secrets", "events", "filter", "format", "batch",
    ]

    /// Keys of a webhook's `filter` mapping.
    static let webhookFilterKeys = ["origins", "classifications", "tags"]

    /// The keys of a scalar section, or `nil` for an unknown section.
    static func keys(ofSection name: String) -> [String]? {
        scalarSections.first { $0.name == name }?.keys
    }
}
