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
    /// `cluster:`
    public var cluster: ClusterConfiguration
    /// `webhooks:`
    public var webhooks: [WebhookConfiguration]

    /// Creates a configuration; everything but the source has defaults.
    public init(
        source: SourceConfiguration, poll: PollConfiguration = .init(), http: HTTPConfiguration = .init(),
        storage: StorageConfiguration = .init(), events: EventsConfiguration = .init(),
        metrics: MetricsConfiguration = .init(), cluster: ClusterConfiguration = .init(),
        webhooks: [WebhookConfiguration] = []
    ) {
        self.source = source
        self.poll = poll
        self.http = http
        self.storage = storage
        self.events = events
        self.metrics = metrics
        self.cluster = cluster
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
        let file = try compose(yaml)
        if let file { try ConfigurationKeyCheck.check(file, as: CablewatchConfiguration.self) }
        let (root, variables) = try ConfigurationEnvironment.apply(environment, to: file)
        do {
            return try YAMLDecoder().decode(CablewatchConfiguration.self, from: root, configuration: secretAccess)
        } catch var error as ConfigurationError {
            // A value the environment set is reported with the variable that set it.
            if let variable = variables[error.keyPath] { error.location = .environment(variable: variable) }
            throw error
        } catch {
            throw ConfigurationError(decoding: error, in: root)
        }
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

    /// The file's node tree, `nil` for an empty file.
    static func compose(_ yaml: String) throws(ConfigurationError) -> Node? {
        do {
            // Every value is decoded from its text, so the basic resolver, which types nothing, is all it takes.
            return try Yams.compose(yaml: yaml, .basic)
        } catch {
            throw malformed(error)
        }
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

extension CablewatchConfiguration: DecodableWithConfiguration, ConfigurationMapping {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case source, poll, http, storage, events, metrics, cluster, webhooks
    }

    static func nesting(under key: CodingKeys) -> ConfigurationNesting? {
        switch key {
        case .source: .mapping(SourceConfiguration.self)
        case .poll: .mapping(PollConfiguration.self)
        case .http: .mapping(HTTPConfiguration.self)
        case .storage: .mapping(StorageConfiguration.self)
        case .events: .mapping(EventsConfiguration.self)
        case .metrics: .mapping(MetricsConfiguration.self)
        case .cluster: .mapping(ClusterConfiguration.self)
        case .webhooks: .list(of: WebhookConfiguration.self)
        }
    }

    /// The sections of single values, which the environment can override, with their keys.
    static var scalarSections: [(name: String, keys: [String])] {
        CodingKeys.allCases.compactMap { key in
            guard case .mapping(let section)? = nesting(under: key) else { return nil }
            return (key.stringValue, section.keyNames)
        }
    }

    /// Decodes a file whose keys are checked and whose sections are all mappings (`ConfigurationEnvironment.apply`);
    /// `configuration` reads the webhooks' secrets, or nil to open none.
    public init(from decoder: any Decoder, configuration secretAccess: ConfigurationSecretAccess?) throws {
        let sections = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            source: try sections.decode(SourceConfiguration.self, forKey: .source),
            poll: try sections.decode(PollConfiguration.self, forKey: .poll),
            http: try sections.decode(HTTPConfiguration.self, forKey: .http),
            storage: try sections.decode(StorageConfiguration.self, forKey: .storage),
            events: try sections.decode(EventsConfiguration.self, forKey: .events),
            metrics: try sections.decode(MetricsConfiguration.self, forKey: .metrics),
            cluster: try sections.decode(ClusterConfiguration.self, forKey: .cluster))
        guard try sections.contains(.webhooks) && !sections.decodeNil(forKey: .webhooks) else { return }
        var entries = try sections.nestedUnkeyedContainer(forKey: .webhooks)
        var namesSeen: [String: Int] = [:]
        while !entries.isAtEnd {
            let entry = try entries.superDecoder()
            let webhook = try WebhookConfiguration(from: entry, secretAccess: secretAccess)
            if let earlier = namesSeen[webhook.name] {
                throw ConfigurationError(
                    .invalidValue(
                        value: webhook.name, problem: "is already the name of webhooks[\(earlier)]",
                        expected: "a unique name per webhook"),
                    keyPath: "\(entry.configurationKeyPath).name", location: entry.configurationLocation)
            }
            namesSeen[webhook.name] = webhooks.count
            webhooks.append(webhook)
        }
    }
}
