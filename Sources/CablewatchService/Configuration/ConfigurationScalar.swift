import CablewatchCore
import Foundation

/// One scalar value as written in the file or an environment variable, with its key path and origin.
///
/// The typed accessors turn the text into values or throw a `ConfigurationError` naming key, value and expectation.
struct ConfigurationScalar: Sendable, Equatable {
    /// Full key path, e.g. `http.perHostDelay`.
    var keyPath: String
    /// The text as written (a YAML null becomes the empty string).
    var text: String
    /// Where the text came from.
    var location: ConfigurationError.Location
    /// Whether the text is a secret that must never be echoed.
    var isSecret = false
    /// Whether the text is a URL whose path, query or user-info may hold a credential (shown as `URLRedaction` does).
    var isURLWithSecrets = false

    /// A coding path as a key path: `webhooks[0].filter.tags`.
    static func keyPath(_ codingPath: [any CodingKey]) -> String {
        codingPath.reduce("") { path, key in
            key.intValue.map { "\(path)[\($0)]" } ?? join(path, key.stringValue)
        }
    }

    /// An error about this value.
    func invalid(_ problem: String, expected: String) -> ConfigurationError {
        let shown = isSecret ? "whsec_…(redacted)" : isURLWithSecrets ? URLRedaction.redacted(text) : text
        return ConfigurationError(
            .invalidValue(value: shown, problem: problem, expected: expected), keyPath: keyPath, location: location)
    }

    /// Any text without control characters; empty only when `allowEmpty`.
    func string(allowEmpty: Bool = false, expected: String = "a non-empty text") throws(ConfigurationError) -> String {
        if text.isEmpty && !allowEmpty {
            throw invalid("is empty", expected: expected)
        }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw invalid("contains control characters", expected: expected)
        }
        return text
    }

    /// A duration such as `250ms`, `30s`, `15m`, `24h`; zero only when `allowZero`.
    func duration(allowZero: Bool) throws(ConfigurationError) -> Duration {
        guard let duration = ConfigurationDuration.parse(text) else {
            throw invalid("is not a duration", expected: ConfigurationDuration.expected)
        }
        if duration == .zero && !allowZero {
            throw invalid("is zero", expected: "a duration above zero, \(ConfigurationDuration.expected)")
        }
        return duration
    }

    /// A whole number within `range`.
    func integer(in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        let expected =
            range.upperBound == Int.max
            ? "a whole number of at least \(range.lowerBound)"
            : "a whole number from \(range.lowerBound) to \(range.upperBound)"
        guard let value = Int(text) else {
            throw invalid("is not a whole number", expected: expected)
        }
        guard range.contains(value) else {
            throw invalid("is out of range", expected: expected)
        }
        return value
    }

    /// A decimal number within `range`.
    func number(in range: ClosedRange<Double>) throws(ConfigurationError) -> Double {
        let expected = "a number from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))"
        guard let value = Double(text), value.isFinite else {
            throw invalid("is not a number", expected: expected)
        }
        guard range.contains(value) else {
            throw invalid("is out of range", expected: expected)
        }
        return value
    }

    /// `true` or `false`.
    func boolean() throws(ConfigurationError) -> Bool {
        switch text {
        case "true": return true
        case "false": return false
        default: throw invalid("is not a boolean", expected: "true or false")
        }
    }

    /// An absolute URL with one of `schemes` and a host.
    func url(schemes: [String], expected: String) throws(ConfigurationError) -> URL {
        guard let components = URLComponents(string: text), let url = components.url else {
            throw invalid("is not a URL", expected: expected)
        }
        guard let scheme = components.scheme?.lowercased(), schemes.contains(scheme) else {
            throw invalid("has an unsupported scheme", expected: expected)
        }
        guard let host = components.host, !host.isEmpty else {
            throw invalid("has no host", expected: expected)
        }
        return url
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }
}

extension ConfigurationScalar {
    /// Reads the single value `decoder` is at; a list or a mapping there is an error expecting `expected`.
    init(from decoder: any Decoder, expected: String, isSecret: Bool = false) throws {
        let value = try decoder.singleValueContainer()
        let text: String
        if value.decodeNil() {
            text = ""
        } else if let string = try? value.decode(String.self) {
            text = string
        } else {
            throw ConfigurationError(
                .wrongType(found: Self.shape(of: decoder), expected: expected), keyPath: decoder.configurationKeyPath,
                location: decoder.configurationLocation)
        }
        self.init(
            keyPath: decoder.configurationKeyPath, text: text, location: decoder.configurationLocation,
            isSecret: isSecret)
    }

    /// What the node `decoder` is at looks like, for "found … (expected …)" messages.
    static func shape(of decoder: any Decoder) -> String {
        if (try? decoder.unkeyedContainer()) != nil { return "a list" }
        if (try? decoder.singleValueContainer().decode(String.self)) != nil { return "a single value" }
        return "a mapping"
    }

    /// Joins a parent key path and a key.
    static func join(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }
}
