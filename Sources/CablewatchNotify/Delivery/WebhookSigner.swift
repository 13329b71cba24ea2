import Crypto
import Foundation

/// Signs webhook requests the Standard Webhooks way.
///
/// The signed content is `"<id>.<timestamp>.<body>"`; each secret yields `v1,<base64 HMAC-SHA256>`, and with
/// several secrets (during rotation) the signatures are joined by spaces in one `webhook-signature` header.
public struct WebhookSigner: Sendable {
    /// The secrets every request is signed with, in order.
    public let secrets: [WebhookSecret]

    /// A signer using every secret in `secrets` (at least one).
    public init(secrets: [WebhookSecret]) throws(NotifyError) {
        guard !secrets.isEmpty else { throw .missingSecret }
        self.secrets = secrets
    }

    /// A signer with one secret.
    public init(secret: WebhookSecret) {
        self.secrets = [secret]
    }

    /// The `webhook-signature` value for a request: `v1,<base64>` per secret, space-separated.
    public func signature(id: String, timestamp: Int, body: [UInt8]) -> String {
        var content = Array("\(id).\(timestamp).".utf8)
        content.append(contentsOf: body)
        return secrets.map { secret in
            let key = SymmetricKey(data: secret.keyBytes)
            let mac = HMAC<SHA256>.authenticationCode(for: content, using: key)
            return "v1," + Data(mac).base64EncodedString()
        }.joined(separator: " ")
    }

    /// The headers to send with a request: `webhook-id`, `webhook-timestamp`, `webhook-signature`, `content-type`.
    ///
    /// - Parameter timestamp: seconds since 1970-01-01 UTC, the time of this attempt.
    public func headers(id: String, timestamp: Int, body: [UInt8]) -> [(String, String)] {
        [
            ("webhook-id", id),
            ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", signature(id: id, timestamp: timestamp, body: body)),
            ("content-type", "application/json"),
        ]
    }
}
