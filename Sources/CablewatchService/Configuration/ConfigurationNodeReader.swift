import Yams

/// Reads the shapes the configuration uses (mappings with known keys, scalars, lists of scalars) from Yams nodes,
/// keeping every value's key path and line.
enum ConfigurationNodeReader {
    /// The location of a node.
    static func location(of node: Node) -> ConfigurationError.Location {
        node.mark.map { .line($0.line) } ?? .unknown
    }

    /// Joins a parent key path and a key.
    static func join(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }

    /// A mapping's entries in file order; every key must be a scalar listed in `allowedKeys`.
    static func entries(
        of node: Node, keyPath: String, allowedKeys: [String], expected: String
    ) throws(ConfigurationError) -> [(key: String, value: Node)] {
        guard case .mapping(let mapping) = node else {
            throw wrongType(node, keyPath: keyPath, expected: expected)
        }
        var result: [(key: String, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw wrongType(keyNode, keyPath: keyPath, expected: "a plain key such as \(allowedKeys[0])")
            }
            let key = keyScalar.string
            guard allowedKeys.contains(key) else {
                throw ConfigurationError(
                    .unknownKey(expected: allowedKeys), keyPath: join(keyPath, key), location: location(of: keyNode))
            }
            result.append((key, value))
        }
        return result
    }

    /// A scalar value; a YAML null becomes the empty string.
    static func scalar(
        _ node: Node, keyPath: String, expected: String, isSecret: Bool = false
    ) throws(ConfigurationError) -> ConfigurationScalar {
        guard case .scalar(let scalar) = node else {
            throw wrongType(node, keyPath: keyPath, expected: expected)
        }
        let text = isNull(scalar) ? "" : scalar.string
        return ConfigurationScalar(keyPath: keyPath, text: text, location: location(of: node), isSecret: isSecret)
    }

    /// A list of scalars, e.g. `["cable.*", "release.*"]`.
    static func scalarList(
        _ node: Node, keyPath: String, expected: String, isSecret: Bool = false
    ) throws(ConfigurationError) -> [ConfigurationScalar] {
        guard case .sequence(let sequence) = node else {
            throw wrongType(node, keyPath: keyPath, expected: expected)
        }
        var items: [ConfigurationScalar] = []
        for (index, item) in sequence.enumerated() {
            items.append(
                try scalar(item, keyPath: "\(keyPath)[\(index)]", expected: expected, isSecret: isSecret))
        }
        return items
    }

    /// Whether a node is a YAML null (`~`, `null` or nothing at all).
    static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node { return isNull(scalar) }
        return false
    }

    private static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private static func wrongType(_ node: Node, keyPath: String, expected: String) -> ConfigurationError {
        let found: String
        switch node {
        case .scalar: found = "a single value"
        case .mapping: found = "a mapping"
        case .sequence: found = "a list"
        case .alias: found = "an alias"
        }
        return ConfigurationError(
            .wrongType(found: found, expected: expected), keyPath: keyPath, location: location(of: node))
    }
}
