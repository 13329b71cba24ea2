import Foundation

/// A Standard Webhooks signing secret: `whsec_` followed by the base64 of 24–64 key bytes.
///
/// Printing a secret never shows it: `description` is always `whsec_…(redacted)`.
public struct WebhookSecret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The prefix every textual secret starts with.
    public static let prefix = "whsec_"
    /// How many key bytes a secret may hold.
    public static let allowedKeyLengths = 24...64
    /// What a secret looks like when printed anywhere.
    public static let redacted = "whsec_…(redacted)"

    /// The HMAC key.
    public let keyBytes: [UInt8]

    /// Wraps raw key bytes, checking their length.
    public init(keyBytes: [UInt8]) throws(NotifyError) {
        guard Self.allowedKeyLengths.contains(keyBytes.count) else {
            throw .invalidSecret(
                reason: "the key has \(keyBytes.count) bytes, expected \(Self.allowedKeyLengths.lowerBound)"
                    + " to \(Self.allowedKeyLengths.upperBound)")
        }
        self.keyBytes = keyBytes
    }

    /// Parses `whsec_<base64>`; surrounding whitespace (e.g. a file's trailing newline) is ignored.
    public init(parsing text: String) throws(NotifyError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(Self.prefix) else {
            throw .invalidSecret(reason: "it does not start with \"\(Self.prefix)\"")
        }
        let encoded = trimmed.dropFirst(Self.prefix.count)
        guard let data = Data(base64Encoded: String(encoded)) else {
            throw .invalidSecret(reason: "the part after \"\(Self.prefix)\" is not valid base64")
        }
        try self.init(keyBytes: [UInt8](data))
    }

    /// The secret in its textual form `whsec_<base64>`; handle with care, never log it.
    public var encoded: String {
        Self.prefix + Data(keyBytes).base64EncodedString()
    }

    public var description: String { Self.redacted }
    public var debugDescription: String { Self.redacted }
}
