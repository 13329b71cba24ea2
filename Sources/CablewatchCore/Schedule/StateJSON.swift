import Foundation

/// JSON for small state records kept in `syncState`: dates as cablewatch timestamps, keys sorted.
public enum StateJSON {
    /// Encodes a record; dates become `2011-04-28T00:00:03.123Z`.
    public static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.string(from: date))
        }
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Decodes a record written by `encode`; `nil` when absent or unreadable.
    public static func decode<Value: Decodable>(_ type: Value.Type, from text: String?) -> Value? {
        guard let text else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let string = try container.decode(String.self)
            guard let date = Timestamp.date(from: string) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a timestamp: \(string)")
            }
            return date
        }
        return try? decoder.decode(type, from: Data(text.utf8))
    }
}
