import CablewatchNotify
import Foundation
import Yams

/// The whole, validated cablewatch configuration (DESIGN.md §7).
///
/// Load it with `load(yaml:environment:secretAccess:)` (pure) or `load(path:environment:secrets:)` (reads the file).
/// Values come from the YAML file, then `CABLEWATCH_<SECTION>_<KEY>` environment variables; anything unknown or
/// invalid is a `ConfigurationError` naming the key, the value and the line.
public struct CablewatchConfiguration: Sendable, Equatable {
    /// `source:`
    public var source: SourceConfiguration
    /// `poll:`
    public var poll: PollConfiguration
    /// `http:`
    public var http: HTTPConfiguration
    /// `storage:`
    public var storage: StorageConfiguration
    /// `events:`
    public var events: EventsConfiguration
    /// `metrics:`
    public var metrics: MetricsConfiguration
    /// `webhooks:`
    public var webhooks: [WebhookConfiguration]

    /// Creates a configuration; everything but the source has defaults.
    public init(
        source: SourceConfiguration, poll: PollConfiguration = .init(), http: HTTPConfiguration = .init(),
        storage: StorageConfiguration = .init(), events: EventsConfiguration = .init(),
        metrics: MetricsConfiguration = .init(), webhooks: [WebhookConfiguration] = []
    ) {
        self.source = source
        self.poll = poll
        self.http = http
        self.storage = storage
        self.events = events
        self.metrics = metrics
        self.webhooks = webhooks
    }

    /// Parses and validates configuration text, then applies environment overrides.
    ///
    /// - Parameters:
    ///   - yaml: the configuration file's text (may be empty when the environment supplies `source.url`).
    ///   - environment: the process environment; only `CABLEWATCH_` variables are looked at.
    ///   - secretAccess: reads the webhooks' secret files and credentials; what it throws is reported as the reason a
    ///     file is unreadable (`ConfigurationFileSystem.ReadFailure` describes itself as just that). `nil` opens no
    ///     secret: the webhooks are checked but their `secrets` stay empty.
    public static func load(
        yaml: String, environment: [String: String], secretAccess: ConfigurationSecretAccess?
    ) throws(ConfigurationError) -> CablewatchConfiguration {
        let root: Node?
        do {
            // The basic resolver: values are read as text and typed by our own readers, so Yams' default
            // tag-resolution regexes (compiled through ICU on every start) are not needed.
            root = try Yams.compose(yaml: yaml, .basic)
        } catch {
            throw malformed(error)
        }
        var sections: [String: ConfigurationSection] = [:]
        var webhookNodes: [Node] = []
        if let root, !ConfigurationNodeReader.isNull(root) {
            let entries = try ConfigurationNodeReader.entries(
                of: root, keyPath: "", allowedKeys: ConfigurationSchema.topLevelKeys,
                expected: "a mapping with the sections source, poll, http, storage, events, metrics, webhooks")
            for (key, value) in entries {
                if key == ConfigurationSchema.webhooksKey {
                    webhookNodes = try webhookList(value)
                } else {
                    sections[key] = try readSection(key, node: value)
                }
            }
        }
        try ConfigurationEnvironment.apply(environment, to: &sections)

        func section(_ name: String) -> ConfigurationSection {
            sections[name] ?? ConfigurationSection(name: name, location: .unknown)
        }
        var configuration = CablewatchConfiguration(
            source: try SourceConfiguration(section: section("source")),
            poll: try PollConfiguration(section: section("poll")),
            http: try HTTPConfiguration(section: section("http")),
            storage: try StorageConfiguration(section: section("storage")),
            events: try EventsConfiguration(section: section("events")),
            metrics: try MetricsConfiguration(section: section("metrics")))
        var namesSeen: [String: Int] = [:]
        for (index, node) in webhookNodes.enumerated() {
            let keyPath = "webhooks[\(index)]"
            let webhook = try WebhookConfiguration(node: node, keyPath: keyPath, secretAccess: secretAccess)
            if let earlier = namesSeen[webhook.name] {
                throw ConfigurationError(
                    .invalidValue(
                        value: webhook.name, problem: "is already the name of webhooks[\(earlier)]",
                        expected: "a unique name per webhook"),
                    keyPath: "\(keyPath).name", location: ConfigurationNodeReader.location(of: node))
            }
            namesSeen[webhook.name] = index
            configuration.webhooks.append(webhook)
        }
        return configuration
    }

    /// Reads the configuration file at `path` and loads it; with `secrets: .read` the webhooks' secrets are read
    /// too (credentials from `$CREDENTIALS_DIRECTORY`, or beside the file outside systemd).
    public static func load(
        path: String, environment: [String: String], secrets: SecretLoading
    ) throws(ConfigurationError) -> CablewatchConfiguration {
        let yaml: String
        do {
            yaml = try ConfigurationFileSystem.readText(atPath: path)
        } catch {
            throw ConfigurationError(.unreadableFile(path: path, reason: error.reason), keyPath: "", location: .unknown)
        }
        let access: ConfigurationSecretAccess? =
            switch secrets {
            case .read: .system(configPath: path, environment: environment)
            case .skip: nil
            }
        return try load(yaml: yaml, environment: environment, secretAccess: access)
    }

    private static func readSection(_ name: String, node: Node) throws(ConfigurationError) -> ConfigurationSection {
        var section = ConfigurationSection(name: name, location: ConfigurationNodeReader.location(of: node))
        guard !ConfigurationNodeReader.isNull(node) else { return section }
        let keys = ConfigurationSchema.keys(ofSection: name) ?? []
        let entries = try ConfigurationNodeReader.entries(
            of: node, keyPath: name, allowedKeys: keys,
            expected: "a mapping with the keys \(keys.joined(separator: ", "))")
        for (key, value) in entries {
            section.values[key] = try ConfigurationNodeReader.scalar(
                value, keyPath: "\(name).\(key)", expected: "a single value")
        }
        return section
    }

    private static func webhookList(_ node: Node) throws(ConfigurationError) -> [Node] {
        if ConfigurationNodeReader.isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            throw ConfigurationError(
                .wrongType(found: "something else", expected: "a list of webhook mappings"),
                keyPath: ConfigurationSchema.webhooksKey, location: ConfigurationNodeReader.location(of: node))
        }
        return Array(sequence)
    }

    private static func malformed(_ error: any Error) -> ConfigurationError {
        var location = ConfigurationError.Location.unknown
        var reason = String(describing: error)
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                .composer(let context, let problem, let mark, _):
                location = .line(mark.line)
                reason = [context?.text, problem].compactMap { $0 }.joined(separator: " ")
            case .duplicatedKeysInMapping(let duplicates, let context):
                location = .line(context.mark.line)
                reason = "duplicate key \(duplicates.sorted().joined(separator: ", "))"
            default:
                break
            }
        }
        return ConfigurationError(.malformedYAML(reason: reason), keyPath: "", location: location)
    }
}
