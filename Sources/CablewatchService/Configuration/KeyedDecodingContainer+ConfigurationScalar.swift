import Yams

extension KeyedDecodingContainer {
    /// The single value written for `key` (a YAML null reads as ""), or `nil` when the key is absent.
    func scalar(
        _ key: Key, expected: String = "a single value", isSecret: Bool = false
    ) throws -> ConfigurationScalar? {
        guard contains(key) else { return nil }
        return try ConfigurationScalar(from: superDecoder(forKey: key), expected: expected, isSecret: isSecret)
    }

    /// The single value written for `key` in the mapping `decoder` reads; its absence is an error.
    func requiredScalar(
        _ key: Key, expected: String, isSecret: Bool = false, in decoder: any Decoder
    ) throws -> ConfigurationScalar {
        guard let value = try scalar(key, expected: expected, isSecret: isSecret) else {
            throw decoder.missingKey(key, expected: expected)
        }
        return value
    }

    /// The list of single values written for `key`, e.g. `["cable.*", "release.*"]`, or `nil` when it is absent.
    func scalarList(_ key: Key, expected: String, isSecret: Bool = false) throws -> [ConfigurationScalar]? {
        guard contains(key) else { return nil }
        let decoder = try superDecoder(forKey: key)
        guard var list = try? decoder.unkeyedContainer() else {
            throw ConfigurationError(
                .wrongType(found: ConfigurationScalar.shape(of: decoder), expected: expected),
                keyPath: decoder.configurationKeyPath, location: decoder.configurationLocation)
        }
        var items: [ConfigurationScalar] = []
        while !list.isAtEnd {
            items.append(try ConfigurationScalar(from: list.superDecoder(), expected: expected, isSecret: isSecret))
        }
        return items
    }

    /// An error about the value of `key` as a whole, e.g. a list that is empty.
    func invalid(_ key: Key, value: String, problem: String, expected: String) throws -> ConfigurationError {
        let decoder = try superDecoder(forKey: key)
        return ConfigurationError(
            .invalidValue(value: value, problem: problem, expected: expected), keyPath: decoder.configurationKeyPath,
            location: decoder.configurationLocation)
    }
}

extension Decoder {
    /// The key path of the value being decoded, e.g. `webhooks[0].filter.tags`.
    var configurationKeyPath: String {
        ConfigurationScalar.keyPath(codingPath)
    }

    /// The line the value being decoded starts on; `.unknown` for one the environment set or the file left out.
    var configurationLocation: ConfigurationError.Location {
        mark.map { .line($0.line) } ?? .unknown
    }

    /// The error for a required `key` absent from the mapping being decoded.
    func missingKey(_ key: some CodingKey, expected: String) -> ConfigurationError {
        ConfigurationError(
            .missingKey(expected: expected), keyPath: ConfigurationScalar.join(configurationKeyPath, key.stringValue),
            location: configurationLocation)
    }
}
