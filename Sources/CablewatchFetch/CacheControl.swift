import Foundation

/// Reads the `max-age` directive of a `Cache-Control` header.
enum CacheControl {
    /// `max-age` in seconds; nil when absent or malformed.
    static func maxAge(from value: String?) -> Int? {
        guard let value else { return nil }
        for directive in value.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1)
            guard parts.count == 2,
                parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "max-age"
            else { continue }
            let number = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: CharacterSet(charactersIn: "\""))
            return Int(number)
        }
        return nil
    }
}
