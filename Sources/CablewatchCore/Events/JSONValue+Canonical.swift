extension JSONValue {
    /// The value as canonical JSON (`CanonicalJSON`): identical values give identical text on every platform.
    public var canonicalJSON: String {
        CanonicalJSON.encode(self)
    }

    /// `canonicalJSON` as UTF-8 bytes.
    public var canonicalJSONBytes: [UInt8] {
        Array(canonicalJSON.utf8)
    }
}
