import CablewatchCore
import CablewatchNotify
import Foundation

extension CablewatchConfiguration {
    /// One webhook receiver (`webhooks:` entry).
    public struct WebhookConfiguration: Sendable, Equatable {
        /// How many secrets may be active at once (rotation: the new one and the old one).
        public static let maximumSecrets = 2

        /// Unique name, used by `cablewatch webhook test NAME` and in delivery records.
        public var name: String
        /// Where events are POSTed (http or https, without user-info). A secret of its own: show `shownURL`.
        public var url: URL
        /// Signing secrets (decoded key bytes); every one signs each request. Empty only when the configuration was
        /// loaded without its secrets (the read commands).
        public var secrets: [WebhookSecret]
        /// Where the secrets come from.
        public var secretOrigin: SecretOrigin
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
            name: String, url: URL, secrets: [WebhookSecret], secretOrigin: SecretOrigin = .inline,
            events: [EventTypeGlob] = [.all], filter: WebhookFilterConfiguration = .init(),
            format: WebhookPayloadFormat = .standard, batch: WebhookBatchMode = .none
        ) {
            self.name = name
            self.url = url
            self.secrets = secrets
            self.secretOrigin = secretOrigin
            self.events = events
            self.filter = filter
            self.format = format
            self.batch = batch
        }

        /// The URL as it may be printed or logged: `scheme://host[:port]/…`.
        public var shownURL: String { URLRedaction.redacted(url.absoluteString) }

        /// The file given by `secretFile`, if that is where the secret comes from.
        public var secretFile: String? {
            if case .file(let path) = secretOrigin { return path }
            return nil
        }
    }
}

extension CablewatchConfiguration.WebhookConfiguration: ConfigurationMapping {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, url, secretCredential, secretFile, secret, secrets, events, filter, format, batch
    }

    static func nesting(under key: CodingKeys) -> ConfigurationNesting? {
        key == .filter ? .mapping(CablewatchConfiguration.WebhookFilterConfiguration.self) : nil
    }

    /// Reads one `webhooks:` entry; `secretAccess` nil leaves the secrets unread (empty).
    init(from decoder: any Decoder, secretAccess: ConfigurationSecretAccess?) throws {
        let entry = try decoder.container(keyedBy: CodingKeys.self)
        let nameExpected = "a name of letters, digits, '-' and '_', e.g. ops"
        let nameValue = try entry.requiredScalar(.name, expected: nameExpected, in: decoder)
        let name = try nameValue.string(expected: nameExpected)
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw nameValue.invalid("is not a valid name", expected: nameExpected)
        }
        let url = try Self.url(try entry.requiredScalar(.url, expected: Self.urlExpected, in: decoder))
        let (secrets, origin) = try Self.secrets(entry, in: decoder, secretAccess: secretAccess)
        self.init(name: name, url: url, secrets: secrets, secretOrigin: origin)

        if let events = try Self.events(entry) { self.events = events }
        filter =
            try entry.decodeIfPresent(CablewatchConfiguration.WebhookFilterConfiguration.self, forKey: .filter)
            ?? .init()
        if let scalar = try entry.scalar(.format, expected: "a format") {
            guard let parsed = WebhookPayloadFormat(rawValue: scalar.text) else {
                throw scalar.invalid("is not a payload format", expected: "standard, slack or discord")
            }
            format = parsed
        }
        if let scalar = try entry.scalar(.batch, expected: "a batch mode") {
            guard let parsed = WebhookBatchMode(rawValue: scalar.text) else {
                throw scalar.invalid("is not a batch mode", expected: "none or release")
            }
            batch = parsed
        }
    }

    private static let urlExpected = "an http or https URL, e.g. https://hooks.example.org/cablewatch"

    /// The receiver's URL, shown redacted in errors too since a chat webhook's token is its path. User-info is refused
    /// here, where the fix can be named, instead of failing every delivery: receivers check the signature instead.
    private static func url(_ scalar: ConfigurationScalar) throws(ConfigurationError) -> URL {
        var scalar = scalar
        scalar.isURLWithSecrets = true
        let url = try scalar.url(schemes: ["http", "https"], expected: urlExpected)
        if url.user != nil || url.password != nil {
            throw scalar.invalid(
                "carries a user name or password",
                expected: "a URL without user:password@ — receivers authenticate cablewatch by the webhook signature,"
                    + " so put credentials in the secret, not the URL, e.g. https://hooks.example.org/cablewatch")
        }
        guard URLOrigin(url: url.absoluteString) != nil else {
            throw scalar.invalid("has a host or port cablewatch cannot send to", expected: urlExpected)
        }
        return url
    }

    private static func events(_ entry: KeyedDecodingContainer<CodingKeys>) throws -> [EventTypeGlob]? {
        let expected = "a non-empty list of event type patterns, e.g. [\"cable.*\", \"release.progress\"]"
        guard let scalars = try entry.scalarList(.events, expected: expected) else { return nil }
        guard !scalars.isEmpty else {
            throw try entry.invalid(.events, value: "[]", problem: "is empty", expected: expected)
        }
        return try scalars.map { scalar in
            do {
                return try EventTypeGlob(parsing: scalar.text)
            } catch {
                throw scalar.invalid("is not an event type pattern", expected: expected)
            }
        }
    }

    /// Exactly one of `secretCredential`, `secretFile`, `secret` and `secrets` (1–2 inline secrets for rotation).
    /// Without `secretAccess` the keys are checked but no file is opened.
    private static func secrets(
        _ entry: KeyedDecodingContainer<CodingKeys>, in decoder: any Decoder, secretAccess: ConfigurationSecretAccess?
    ) throws -> (secrets: [WebhookSecret], origin: SecretOrigin) {
        let present = [CodingKeys.secretCredential, .secretFile, .secret, .secrets].filter { entry.contains($0) }
        let expected = "exactly one of secretCredential, secretFile, secret and secrets"
        guard present.count <= 1 else {
            throw ConfigurationError(
                .conflictingKeys(present.map(\.stringValue), expected: expected),
                keyPath: decoder.configurationKeyPath, location: decoder.configurationLocation)
        }
        guard let key = present.first else { throw decoder.missingKey(CodingKeys.secretCredential, expected: expected) }
        switch key {
        case .secret:
            let scalar = try entry.requiredScalar(.secret, expected: secretExpected, isSecret: true, in: decoder)
            return ([try parseSecret(scalar, expected: secretExpected)], .inline)
        case .secrets:
            let listExpected = "a list of 1 or \(maximumSecrets) secrets, each \(secretExpected)"
            let scalars = try entry.scalarList(.secrets, expected: listExpected, isSecret: true) ?? []
            guard (1...maximumSecrets).contains(scalars.count) else {
                throw try entry.invalid(
                    .secrets, value: "\(scalars.count) secrets", problem: "is not allowed", expected: listExpected)
            }
            return (try scalars.map { try parseSecret($0, expected: secretExpected) }, .inline)
        case .secretCredential:
            let credentialExpected =
                "the name of a systemd credential, NAME in the unit's LoadCredential=NAME:/etc/cablewatch/NAME,"
                + " e.g. ops.secret"
            let scalar = try entry.requiredScalar(.secretCredential, expected: credentialExpected, in: decoder)
            let name = try scalar.string(expected: credentialExpected)
            guard name != ".", name != "..", !name.contains("/"), name.utf8.count <= 255 else {
                throw scalar.invalid("is not a credential name", expected: credentialExpected)
            }
            guard let secretAccess else { return ([], .credential(name: name, path: nil)) }
            let folder = secretAccess.credentialsFolder
            let file = folder.path.hasSuffix("/") ? folder.path + name : folder.path + "/" + name
            // systemd's folder is private to the service (its files may carry an ACL the mode bits show as group
            // access), so only a file read from elsewhere has its mode checked.
            var checkMode = true
            if case .systemd = folder { checkMode = false }
            let secret = try readSecretFile(file, scalar: scalar, checkMode: checkMode, secretAccess: secretAccess)
            return ([secret], .credential(name: name, path: file))
        default:
            let fileExpected = "the path of a file holding \(secretExpected)"
            let scalar = try entry.requiredScalar(.secretFile, expected: fileExpected, in: decoder)
            let file = try scalar.string(expected: fileExpected)
            guard let secretAccess else { return ([], .file(path: file)) }
            let secret = try readSecretFile(file, scalar: scalar, checkMode: true, secretAccess: secretAccess)
            return ([secret], .file(path: file))
        }
    }

    private static let secretExpected = "whsec_ followed by the base64 of 24 to 64 random bytes"

    /// Reads and parses a secret file; one that group or others may open stops the load, with the fix.
    private static func readSecretFile(
        _ file: String, scalar: ConfigurationScalar, checkMode: Bool, secretAccess: ConfigurationSecretAccess
    ) throws(ConfigurationError) -> WebhookSecret {
        let contents: (text: String, permissionBits: UInt32)
        do {
            contents = try secretAccess.readFile(file)
        } catch {
            throw ConfigurationError(
                .unreadableFile(path: file, reason: "\(error)"), keyPath: scalar.keyPath, location: scalar.location)
        }
        if checkMode && contents.permissionBits & 0o077 != 0 {
            throw ConfigurationError(
                .exposedSecretFile(path: file, permissionBits: contents.permissionBits), keyPath: scalar.keyPath,
                location: scalar.location)
        }
        do {
            return try WebhookSecret(parsing: contents.text)
        } catch {
            throw ConfigurationError(
                .invalidValue(
                    value: file, problem: "does not hold a valid secret (\(error.reasonText))",
                    expected: secretExpected),
                keyPath: scalar.keyPath, location: scalar.location)
        }
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
