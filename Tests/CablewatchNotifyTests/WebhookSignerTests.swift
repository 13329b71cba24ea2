import Testing

@testable import CablewatchNotify

private let vectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
private let vectorID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
private let vectorTimestamp = 1_614_265_330
private let vectorBody = Array(#"{"test": 2432232314}"#.utf8)
private let vectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

@Test func signatureMatchesStandardWebhooksTestVector() throws {
    let signer = WebhookSigner(secret: try WebhookSecret(parsing: vectorSecret))
    #expect(signer.signature(id: vectorID, timestamp: vectorTimestamp, body: vectorBody) == vectorSignature)
}

@Test func changingAnySignedPartChangesTheSignature() throws {
    let signer = WebhookSigner(secret: try WebhookSecret(parsing: vectorSecret))
    #expect(signer.signature(id: vectorID + "x", timestamp: vectorTimestamp, body: vectorBody) != vectorSignature)
    #expect(signer.signature(id: vectorID, timestamp: vectorTimestamp + 1, body: vectorBody) != vectorSignature)
    #expect(signer.signature(id: vectorID, timestamp: vectorTimestamp, body: vectorBody + [0x20]) != vectorSignature)
}

@Test func rotationSignsWithEverySecretSpaceSeparated() throws {
    let other = try WebhookSecret(keyBytes: Array(repeating: 7, count: 32))
    let signer = try WebhookSigner(secrets: [try WebhookSecret(parsing: vectorSecret), other])
    let value = signer.signature(id: vectorID, timestamp: vectorTimestamp, body: vectorBody)
    let parts = value.split(separator: " ").map(String.init)
    #expect(parts.count == 2)
    #expect(parts[0] == vectorSignature)
    #expect(
        parts[1] == WebhookSigner(secret: other).signature(id: vectorID, timestamp: vectorTimestamp, body: vectorBody))
    #expect(parts[1].hasPrefix("v1,"))
    #expect(parts[1] != parts[0])
}

@Test func signerNeedsASecret() {
    #expect(throws: NotifyError.missingSecret) { try WebhookSigner(secrets: []) }
}

@Test func headersCarryIdTimestampSignatureAndContentType() throws {
    let signer = WebhookSigner(secret: try WebhookSecret(parsing: vectorSecret))
    let headers = signer.headers(id: vectorID, timestamp: vectorTimestamp, body: vectorBody)
    #expect(headers.map(\.0) == ["webhook-id", "webhook-timestamp", "webhook-signature", "content-type"])
    #expect(headers.map(\.1) == [vectorID, "1614265330", vectorSignature, "application/json"])
}
