import Yams

/// Maps `CABLEWATCH_<SECTION>_<KEY>` environment variables onto configuration keys.
///
/// Both spellings of a camel-case key work: `CABLEWATCH_HTTP_PERHOSTDELAY` and `CABLEWATCH_HTTP_PER_HOST_DELAY`.
/// Any other `CABLEWATCH_` variable except `CABLEWATCH_CONFIG` is an error.
enum ConfigurationEnvironment {
    /// The prefix of every variable cablewatch reads.
    static let prefix = "CABLEWATCH_"
    /// The variable naming the configuration file (read by the CLI, not an override).
    static let configPathVariable = "CABLEWATCH_CONFIG"

    /// The variable names that override `section.key`.
    static func variableNames(section: String, key: String) -> [String] {
        let upper = "\(prefix)\(section.uppercased())_\(key.uppercased())"
        let snake = "\(prefix)\(section.uppercased())_\(upperSnakeCase(key))"
        return upper == snake ? [upper] : [upper, snake]
    }

    /// Writes every override in `environment` into the composed file `root` (nil for an empty file), as if the file
    /// said it, and makes every section a mapping so that each is decoded with its defaults. Returns the new root and
    /// the variable that set each key path.
    static func apply(
        _ environment: [String: String], to root: Node?
    ) throws(ConfigurationError) -> (root: Node, variables: [String: String]) {
        var targets: [String: (section: String, key: String)] = [:]
        for (section, keys) in CablewatchConfiguration.scalarSections {
            for key in keys {
                for name in variableNames(section: section, key: key) { targets[name] = (section, key) }
            }
        }
        var sections = root?.mapping ?? emptyMapping(at: root?.mark)
        for (section, _) in CablewatchConfiguration.scalarSections {
            let node = sections[section]
            if node?.mapping == nil { sections[section] = .mapping(emptyMapping(at: node?.mark)) }
        }
        var applied: [String: String] = [:]  // key path → variable that set it
        for name in environment.keys.sorted() where name.hasPrefix(prefix) && name != configPathVariable {
            guard let target = targets[name], let value = environment[name] else {
                throw ConfigurationError(
                    .unknownEnvironmentVariable(name: name), keyPath: "", location: .environment(variable: name))
            }
            let keyPath = "\(target.section).\(target.key)"
            if let earlier = applied[keyPath] {
                throw ConfigurationError(
                    .conflictingKeys([earlier, name], expected: "one variable per key"), keyPath: keyPath,
                    location: .environment(variable: name))
            }
            applied[keyPath] = name
            // Quoted, so that a value such as `~` stays text as it would from the file.
            sections[target.section]?.mapping?[target.key] = .scalar(.init(value, textTag(), .doubleQuoted))
        }
        return (.mapping(sections), applied)
    }

    /// `perHostDelay` → `PER_HOST_DELAY`.
    static func upperSnakeCase(_ key: String) -> String {
        var result = ""
        for character in key {
            if character.isUppercase, !result.isEmpty { result.append("_") }
            result.append(contentsOf: character.uppercased())
        }
        return result
    }

    /// Nodes made here resolve tags as the composed file does, without Yams' default resolver.
    private static func textTag(_ name: Tag.Name = .str) -> Tag { Tag(name, .basic, .default) }

    private static func emptyMapping(at mark: Mark?) -> Node.Mapping {
        Node.Mapping([], textTag(.implicit), .block, mark)
    }
}
