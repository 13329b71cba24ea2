import Testing

@testable import CablewatchNotify

@Test func officialExampleSecretDecodesTo24Bytes() throws {
    let secret = try WebhookSecret(parsing: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    #expect(secret.keyBytes.count == 24)
    #expect(secret.encoded == "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
}

@Test func surroundingWhitespaceIsIgnored() throws {
    let secret = try WebhookSecret(parsing: "  whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n")
    #expect(secret.keyBytes.count == 24)
}

@Test(arguments: [
    "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",  // no prefix
    "whsec_",  // nothing after the prefix
    "whsec_!!!notbase64!!!",
    "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhc=",  // 23 bytes
    "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=",  // 65 bytes
])
func malformedSecretsAreRejectedWithoutEchoingThem(text: String) {
    do {
        _ = try WebhookSecret(parsing: text)
        Issue.record("\(text) was accepted")
    } catch {
        guard case .invalidSecret = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        let suffix = text.dropFirst("whsec_".count)
        #expect(suffix.count < 4 || !error.description.contains(suffix))
    }
}

@Test func keyLengthBoundsAreInclusive() throws {
    #expect(try WebhookSecret(keyBytes: Array(repeating: 1, count: 24)).keyBytes.count == 24)
    #expect(try WebhookSecret(keyBytes: Array(repeating: 1, count: 64)).keyBytes.count == 64)
    #expect(throws: NotifyError.self) { try WebhookSecret(keyBytes: Array(repeating: 1, count: 65)) }
}

@Test func printingASecretRedactsIt() throws {
    let secret = try WebhookSecret(parsing: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    #expect("\(secret)" == "whsec_…(redacted)")
    #expect(String(reflecting: secret) == "whsec_…(redacted)")
}
