import Yams

/// Walks the composed file against the keys the configuration types know, so that a misspelt key anywhere is an
/// error naming its full path, its line and the keys allowed there, before any value is decoded.
enum ConfigurationKeyCheck {
    /// Checks `node` (a null node counts as an empty mapping) as a mapping read by `type`, at `keyPath`.
    static func check<Mapping: ConfigurationMapping>(
        _ node: Node, as type: Mapping.Type, keyPath: String = ""
    ) throws(ConfigurationError) {
        guard node.null == nil else { return }
        guard case .mapping(let mapping) = node else {
            throw wrongType(node, keyPath: keyPath, expected: type.expectedShape)
        }
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                throw wrongType(keyNode, keyPath: keyPath, expected: "a plain key such as \(type.keyNames[0])")
            }
            let path = ConfigurationScalar.join(keyPath, key.string)
            guard let codingKey = Mapping.CodingKeys(stringValue: key.string) else {
                throw ConfigurationError(
                    .unknownKey(expected: type.keyNames), keyPath: path, location: .init(of: keyNode))
            }
            switch type.nesting(under: codingKey) {
            case .mapping(let nested)?:
                try check(value, as: nested, keyPath: path)
            case .list(let element)?:
                try checkList(value, of: element, keyPath: path)
            case nil:
                break
            }
        }
    }

    private static func checkList<Element: ConfigurationMapping>(
        _ node: Node, of type: Element.Type, keyPath: String
    ) throws(ConfigurationError) {
        guard node.null == nil else { return }
        guard case .sequence(let sequence) = node else {
            throw wrongType(node, keyPath: keyPath, expected: "a list, each entry \(type.expectedShape)")
        }
        for (index, item) in sequence.enumerated() {
            guard item.mapping != nil else {
                throw wrongType(item, keyPath: "\(keyPath)[\(index)]", expected: type.expectedShape)
            }
            try check(item, as: type, keyPath: "\(keyPath)[\(index)]")
        }
    }

    /// A "found … (expected …)" error for a node of the wrong shape.
    static func wrongType(_ node: Node, keyPath: String, expected: String) -> ConfigurationError {
        let found =
            switch node {
            case .scalar: "a single value"
            case .mapping: "a mapping"
            case .sequence: "a list"
            case .alias: "an alias"
            }
        return ConfigurationError(
            .wrongType(found: found, expected: expected), keyPath: keyPath, location: .init(of: node))
    }
}

extension ConfigurationError.Location {
    /// Where a node of the file starts.
    init(of node: Node) {
        self = node.mark.map { .line($0.line) } ?? .unknown
    }
}
