import CablewatchNotify
import Foundation
import Yams

extension CablewatchConfiguration {
    /// One webhook receiver (`webhooks:` entry).
    public struct WebhookConfiguration: Sendable, Equatable {
        /// How many secrets may be active at once (rotation: the new one and the old one).
        public static let maximumSecrets = 2

        /// Unique name, used by `cablewatch webhook test NAME` and in delivery records.
        public var name: String
        /// Where events are POSTed (http or https).
        public var url: URL
        /// Signing secrets (decoded key bytes); every one signs each request. Never empty.
        public var secrets: [WebhookSecret]
        /// The file the secret was read from, if it came from `secretFile`.
        public var secretFile: String?
        /// Event types delivered to this webhook.
        public var events: [EventTypeGlob]
        /// Data filters on origin, classification and tags.
        public var filter: WebhookFilterConfiguration
        /// Shape of the request body.
        public var format: WebhookPayloadFormat
        /// One request per event, or per release.
        public var batch: WebhookBatchMode

        /// Creates a webhook configuration.
        public init(
            name: String, url: URL, secrets: [WebhookSecret], secretFile: String? = nil,
            events: [EventTypeGlob] = [.all], filter: WebhookFilterConfiguration = .init(),
            format: WebhookPayloadFormat = .standard, batch: WebhookBatchMode = .none
        ) {
            self.name = name
            self.url = url
            self.secrets = secrets
            self.secretFile = secretFile
            self.events = events
            self.filter = filter
            self.format = format
            self.batch = batch
        }
    }
}

extension CablewatchConfiguration.WebhookConfiguration {
    init(node: Node, keyPath: String, readFile: (String) throws -> String) throws(ConfigurationError) {
        let location = ConfigurationNodeReader.location(of: node)
        let entries = try ConfigurationNodeReader.entries(
            of: node, keyPath: keyPath, allowedKeys: ConfigurationSchema.webhookKeys,
            expected: "a mapping with name, url and secret or secretFile")
        var nodes: [String: Node] = [:]
        for (key, value) in entries { nodes[key] = value }
        func path(_ key: String) -> String { ConfigurationNodeReader.join(keyPath, key) }
        func required(_ key: String, expected: String) throws(ConfigurationError) -> ConfigurationScalar {
            guard let value = nodes[key] else {
                throw ConfigurationError(.missingKey(expected: expected), keyPath: path(key), location: location)
            }
            return try ConfigurationNodeReader.scalar(value, keyPath: path(key), expected: expected)
        }

        let nameExpected = "a name of letters, digits, '-' and '_', e.g. ops"
        let nameValue = try required("name", expected: nameExpected)
        let name = try nameValue.string(expected: nameExpected)
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw nameValue.invalid("is not a valid name", expected: nameExpected)
        }
        let urlExpected = "an http or https URL, e.g. https://hooks.example.org/cablewatch"
        let url = try required("url", expected: urlExpected).url(schemes: ["http", "https"], expected: urlExpected)
        let (secrets, secretFile) = try Self.secrets(nodes, keyPath: keyPath, location: location, readFile: readFile)
        self.init(name: name, url: url, secrets: secrets, secretFile: secretFile)

        if let value = nodes["events"] {
            events = try Self.events(value, keyPath: path("events"))
        }
        if let value = nodes["filter"] {
            filter = try .init(node: value, keyPath: path("filter"))
        }
        if let value = nodes["format"] {
            let scalar = try ConfigurationNodeReader.scalar(value, keyPath: path("format"), expected: "a format")
            guard let parsed = WebhookPayloadFormat(rawValue: scalar.text) else {
                throw scalar.invalid("is not a payload format", expected: "standard, slack or discord")
            }
            format = parsed
        }
        if let value = nodes["batch"] {
            let scalar = try ConfigurationNodeReader.scalar(value, keyPath: path("batch"), expected: "a batch mode")
            guard let parsed = WebhookBatchMode(rawValue: scalar.text) else {
                throw scalar.invalid("is not a batch mode", expected: "none or release")
            }
            batch = parsed
        }
    }

    private static func events(_ node: Node, keyPath: String) throws(ConfigurationError) -> [EventTypeGlob] {
        let expected = "a non-empty list of event type patterns, e.g. [\"cable.*\", \"release.progress\"]"
        let scalars = try ConfigurationNodeReader.scalarList(node, keyPath: keyPath, expected: expected)
        guard !scalars.isEmpty else {
            throw ConfigurationError(
                .invalidValue(value: "[]", problem: "is empty", expected: expected), keyPath: keyPath,
                location: ConfigurationNodeReader.location(of: node))
        }
        var globs: [EventTypeGlob] = []
        for scalar in scalars {
            do {
                globs.append(try EventTypeGlob(parsing: scalar.text))
            } catch {
                throw scalar.invalid("is not an event type pattern", expected: expected)
            }
        }
        return globs
    }

    /// Exactly one of `secret`, `secretFile` and `secrets` (1–2 inline secrets for rotation).
    private static func secrets(
        _ nodes: [String: Node], keyPath: String, location: ConfigurationError.Location,
        readFile: (String) throws -> String
    ) throws(ConfigurationError) -> (secrets: [WebhookSecret], file: String?) {
        let secretKeys = ["secret", "secretFile", "secrets"]
        let present = secretKeys.filter { nodes[$0] != nil }
        let expected = "exactly one of secret, secretFile and secrets"
        guard present.count <= 1 else {
            throw ConfigurationError(
                .conflictingKeys(present, expected: expected), keyPath: keyPath, location: location)
        }
        let secretExpected = "whsec_ followed by the base64 of 24 to 64 random bytes"
        switch present.first {
        case "secret":
            guard let node = nodes["secret"] else { break }
            let path = ConfigurationNodeReader.join(keyPath, "secret")
            let scalar = try ConfigurationNodeReader.scalar(
                node, keyPath: path, expected: secretExpected, isSecret: true)
            return ([try parseSecret(scalar, expected: secretExpected)], nil)
        case "secrets":
            guard let node = nodes["secrets"] else { break }
            let path = ConfigurationNodeReader.join(keyPath, "secrets")
            let listExpected = "a list of 1 or \(maximumSecrets) secrets, each \(secretExpected)"
            let scalars = try ConfigurationNodeReader.scalarList(
                node, keyPath: path, expected: listExpected, isSecret: true)
            guard (1...maximumSecrets).contains(scalars.count) else {
                throw ConfigurationError(
                    .invalidValue(value: "\(scalars.count) secrets", problem: "is not allowed", expected: listExpected),
                    keyPath: path, location: ConfigurationNodeReader.location(of: node))
            }
            var secrets: [WebhookSecret] = []
            for scalar in scalars {
                secrets.append(try parseSecret(scalar, expected: secretExpected))
            }
            return (secrets, nil)
        case "secretFile":
            guard let node = nodes["secretFile"] else { break }
            let path = ConfigurationNodeReader.join(keyPath, "secretFile")
            let fileExpected = "the path of a file holding \(secretExpected)"
            let scalar = try ConfigurationNodeReader.scalar(node, keyPath: path, expected: fileExpected)
            let file = try scalar.string(expected: fileExpected)
            let contents: String
            do {
                contents = try readFile(file)
            } catch {
                throw ConfigurationError(
                    .unreadableFile(path: file, reason: "\(error)"), keyPath: path, location: scalar.location)
            }
            do {
                return ([try WebhookSecret(parsing: contents)], file)
            } catch {
                throw ConfigurationError(
                    .invalidValue(
                        value: file, problem: "does not hold a valid secret (\(error.reasonText))",
                        expected: secretExpected),
                    keyPath: path, location: scalar.location)
            }
        default:
            break
        }
        throw ConfigurationError(
            .missingKey(expected: expected), keyPath: ConfigurationNodeReader.join(keyPath, "secret"),
            location: location)
    }

    private static func parseSecret(
        _ scalar: ConfigurationScalar, expected: String
    ) throws(ConfigurationError) -> WebhookSecret {
        do {
            return try WebhookSecret(parsing: scalar.text)
        } catch {
            throw scalar.invalid("is not a valid secret (\(error.reasonText))", expected: expected)
        }
    }
}

extension NotifyError {
    /// The reason alone, without the "invalid webhook secret" preamble.
    fileprivate var reasonText: String {
        switch self {
        case .invalidSecret(let reason): return reason
        default: return description
        }
    }
}
