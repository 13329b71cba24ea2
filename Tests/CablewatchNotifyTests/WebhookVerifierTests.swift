import CablewatchNotify
import Foundation
import Testing

/// `WebhookVerifier` accepts exactly what `WebhookSigner` signs, and nothing altered, stale or signed otherwise.
struct WebhookVerifierTests {
    let secret = try! WebhookSecret(keyBytes: Array(repeating: 7, count: 32))
    let otherSecret = try! WebhookSecret(keyBytes: Array(repeating: 9, count: 32))
    let body = Array(#"{"seq":1,"type":"cable.changed"}"#.utf8)
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    func signature(_ secrets: [WebhookSecret], id: String = "evt_1", at seconds: Int = 1_700_000_000) throws -> String {
        try WebhookSigner(secrets: secrets).signature(id: id, timestamp: seconds, body: body)
    }

    @Test func aSignedRequestVerifies() throws {
        let verifier = try WebhookVerifier(secrets: [secret])
        try verifier.verify(
            id: "evt_1", timestamp: "1700000000", signature: try signature([secret]), body: body, now: now)
        // During rotation the header carries two signatures; one matching is enough.
        try verifier.verify(
            id: "evt_1", timestamp: "1700000000", signature: try signature([otherSecret, secret]), body: body, now: now)
    }

    @Test func alteredBodyIdOrSecretIsRejected() throws {
        let verifier = try WebhookVerifier(secrets: [secret])
        let good = try signature([secret])
        #expect(throws: NotifyError.self) {
            try verifier.verify(id: "evt_1", timestamp: "1700000000", signature: good, body: body + [32], now: now)
        }
        #expect(throws: NotifyError.self) {
            try verifier.verify(id: "evt_2", timestamp: "1700000000", signature: good, body: body, now: now)
        }
        #expect(throws: NotifyError.self) {
            try verifier.verify(
                id: "evt_1", timestamp: "1700000000", signature: try signature([otherSecret]), body: body, now: now)
        }
        #expect(throws: NotifyError.self) {
            try verifier.verify(id: "evt_1", timestamp: "1700000000", signature: nil, body: body, now: now)
        }
    }

    @Test func aTimestampOutsideTheToleranceIsRejected() throws {
        let verifier = try WebhookVerifier(secrets: [secret], toleranceSeconds: 300)
        let old = 1_700_000_000 - 301
        #expect(throws: NotifyError.self) {
            try verifier.verify(
                id: "evt_1", timestamp: String(old), signature: try signature([secret], at: old), body: body, now: now)
        }
        let recent = 1_700_000_000 - 299
        try verifier.verify(
            id: "evt_1", timestamp: String(recent), signature: try signature([secret], at: recent), body: body, now: now
        )
    }
}
