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

    /// Applies every override in `environment` to `sections` (keyed by section name).
    static func apply(
        _ environment: [String: String], to sections: inout [String: ConfigurationSection]
    ) throws(ConfigurationError) {
        var targets: [String: (section: String, key: String)] = [:]
        for (section, keys) in ConfigurationSchema.scalarSections {
            for key in keys {
                for name in variableNames(section: section, key: key) { targets[name] = (section, key) }
            }
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
            sections[target.section, default: ConfigurationSection(name: target.section, location: .unknown)]
                .values[target.key] = ConfigurationScalar(
                    keyPath: keyPath, text: value, location: .environment(variable: name))
        }
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
}
