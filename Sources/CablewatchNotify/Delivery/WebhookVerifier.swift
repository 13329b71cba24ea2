import Crypto
import Foundation

/// Checks a received webhook request the Standard Webhooks way, as a receiver does: the `webhook-timestamp` must be
/// within `tolerance` of now, and one of the `v1,<base64>` signatures in `webhook-signature` must be the
/// HMAC-SHA256 of `"<id>.<timestamp>.<body>"` under one of the secrets. The counterpart of `WebhookSigner`.
public struct WebhookVerifier: Sendable {
    /// The secrets a signature may be made with (several during rotation).
    public let secrets: [WebhookSecret]
    /// How far the timestamp may be from now, either way (replay protection).
    public let toleranceSeconds: Int

    /// A verifier accepting signatures by any of `secrets` (at least one).
    public init(secrets: [WebhookSecret], toleranceSeconds: Int = 300) throws(NotifyError) {
        guard !secrets.isEmpty else { throw .missingSecret }
        self.secrets = secrets
        self.toleranceSeconds = toleranceSeconds
    }

    /// Returns normally when the request is authentic; throws `NotifyError.signatureRejected` saying why not.
    ///
    /// - Parameters:
    ///   - id: the `webhook-id` header, nil when absent.
    ///   - timestamp: the `webhook-timestamp` header (seconds since 1970 UTC), nil when absent.
    ///   - signature: the `webhook-signature` header, nil when absent.
    ///   - body: the raw request body.
    public func verify(id: String?, timestamp: String?, signature: String?, body: [UInt8], now: Date = Date())
        throws(NotifyError)
    {
        guard let id, !id.isEmpty else { throw .signatureRejected(webhookID: nil, reason: "no webhook-id header") }
        guard let timestamp, let seconds = Int(timestamp.trimmingCharacters(in: .whitespaces)) else {
            throw .signatureRejected(webhookID: id, reason: "no valid webhook-timestamp header")
        }
        let age = Int(now.timeIntervalSince1970) - seconds
        guard abs(age) <= toleranceSeconds else {
            throw .signatureRejected(
                webhookID: id, reason: "webhook-timestamp is \(age) s from now (tolerance \(toleranceSeconds) s)")
        }
        guard let signature, !signature.isEmpty else {
            throw .signatureRejected(webhookID: id, reason: "no webhook-signature header")
        }
        var content = Array("\(id).\(seconds).".utf8)
        content.append(contentsOf: body)
        for candidate in signature.split(separator: " ") {
            let parts = candidate.split(separator: ",", maxSplits: 1)
            guard parts.count == 2, parts[0] == "v1", let mac = Data(base64Encoded: String(parts[1])) else { continue }
            for secret in secrets {
                let key = SymmetricKey(data: secret.keyBytes)
                if HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: content, using: key) { return }
            }
        }
        throw .signatureRejected(webhookID: id, reason: "no v1 signature matches the secret")
    }
}
