/// The scalar values of one top-level section (`poll`, `http`, …), from the file and then the environment.
struct ConfigurationSection: Sendable, Equatable {
    /// The section's key, e.g. `poll`.
    var name: String
    /// Where the section starts, for "missing key" errors.
    var location: ConfigurationError.Location
    /// Values by key (not key path).
    var values: [String: ConfigurationScalar] = [:]

    /// The value written for `key`, if any.
    subscript(key: String) -> ConfigurationScalar? {
        values[key]
    }

    /// An error for a required key that is absent.
    func missing(_ key: String, expected: String) -> ConfigurationError {
        ConfigurationError(.missingKey(expected: expected), keyPath: "\(name).\(key)", location: location)
    }
}
