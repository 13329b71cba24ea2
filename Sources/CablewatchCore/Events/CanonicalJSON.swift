import Foundation

/// Deterministic JSON for events: sorted keys, no escaped slashes, UTF-8.
public enum CanonicalJSON {
    /// Encodes a value; our payloads are plain structs, so encoding cannot fail in practice. Should it, the
    /// error is encoded as a JSON string rather than lost.
    public static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            return quote("unencodable payload: \(error)")
        }
    }

    /// A JSON string literal for `text`, escaped per RFC 8259.
    public static func quote(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20:
                out += String(format: "\\u%04x", s.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }
}
