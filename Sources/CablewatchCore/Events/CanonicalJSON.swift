import Foundation

/// The one writer of canonical JSON (event data, event lines, webhook bodies): object keys sorted by code point,
/// which is their UTF-8 byte order, no insignificant whitespace, slashes unescaped; equal values give equal bytes.
public enum CanonicalJSON {
    /// Encodes a value; our payloads are plain structs, so encoding cannot fail in practice. Should it, the
    /// error is encoded as a JSON string rather than lost.
    public static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            return encode("unencodable payload: \(error)")
        }
    }

    /// A JSON string literal for `text`, escaped per RFC 8259.
    public static func quote(_ text: String) -> String {
        encode(text)
    }
}
