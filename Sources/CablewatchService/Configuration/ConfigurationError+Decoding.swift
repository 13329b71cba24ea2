import Yams

extension ConfigurationError {
    /// Translates an error `YAMLDecoder` raised itself (our own checks throw `ConfigurationError`s) into the key path
    /// and line of the node it is about in `root`, instead of Swift's coding path and type names.
    init(decoding error: any Error, in root: Node) {
        let expected: String
        let context: DecodingError.Context
        switch error as? DecodingError {
        case .typeMismatch(let type, let typeContext)?:
            expected =
                type == Node.Sequence.self ? "a list" : type == Node.Mapping.self ? "a mapping" : "a single value"
            context = typeContext
        case .keyNotFound(let key, let keyContext)?:
            self.init(
                .missingKey(expected: "a value"), keyPath: ConfigurationScalar.keyPath(keyContext.codingPath + [key]),
                location: Self.node(at: keyContext.codingPath, in: root).map(Location.init(of:)) ?? .unknown)
            return
        case .valueNotFound(_, let valueContext)?, .dataCorrupted(let valueContext)?:
            expected = "a value"
            context = valueContext
        default:
            self.init(.malformedYAML(reason: "\(error)"), keyPath: "", location: .unknown)
            return
        }
        let keyPath = ConfigurationScalar.keyPath(context.codingPath)
        guard let node = Self.node(at: context.codingPath, in: root) else {
            self.init(.wrongType(found: "nothing", expected: expected), keyPath: keyPath, location: .unknown)
            return
        }
        self = ConfigurationKeyCheck.wrongType(node, keyPath: keyPath, expected: expected)
    }

    private static func node(at codingPath: [any CodingKey], in root: Node) -> Node? {
        codingPath.reduce(root) { node, key in
            guard let index = key.intValue else { return node?.mapping?[key.stringValue] }
            return node?.sequence.flatMap { $0.indices.contains(index) ? $0[index] : nil }
        }
    }
}
