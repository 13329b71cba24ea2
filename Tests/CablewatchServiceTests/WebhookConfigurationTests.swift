import CablewatchCore
import CablewatchNotify
import Foundation
import Testing

@testable import CablewatchService

@Test func inlineSecretIsDecodedToKeyBytes() throws {
    let configuration = try ConfigurationFixtures.load(
        ConfigurationFixtures.withWebhook(
            "name: ops\nurl: https://hooks.example.org/a\nsecret: \(ConfigurationFixtures.secretA)"))
    #expect(configuration.webhooks.first?.secrets.map(\.keyBytes) == [ConfigurationFixtures.secretABytes])
    #expect(configuration.webhooks.first?.secretFile == nil)
}

@Test func secretFileIsReadThroughTheInjectedReader() throws {
    let configuration = try ConfigurationFixtures.load(
        ConfigurationFixtures.withWebhook("name: ops\nurl: https://hooks.example.org/a\nsecretFile: /s/ops"),
        files: ["/s/ops": "  \(ConfigurationFixtures.secretB)\n\n"])
    #expect(configuration.webhooks.first?.secrets.map(\.keyBytes) == [ConfigurationFixtures.secretBBytes])
    #expect(configuration.webhooks.first?.secretFile == "/s/ops")
}

@Test func rotationListHoldsUpToTwoSecrets() throws {
    let configuration = try ConfigurationFixtures.load(
        ConfigurationFixtures.withWebhook(
            "name: ops\nurl: https://hooks.example.org/a\nsecrets: [\(ConfigurationFixtures.secretA), "
                + "\(ConfigurationFixtures.secretB)]"))
    #expect(
        configuration.webhooks.first?.secrets.map(\.keyBytes)
            == [ConfigurationFixtures.secretABytes, ConfigurationFixtures.secretBBytes])

    let three = ConfigurationFixtures.error(
        ConfigurationFixtures.withWebhook(
            "name: ops\nurl: https://hooks.example.org/a\nsecrets: [\(ConfigurationFixtures.secretA), "
                + "\(ConfigurationFixtures.secretB), \(ConfigurationFixtures.secretA)]"))
    #expect(three?.keyPath == "webhooks[0].secrets")
}

@Test func secretAndSecretFileTogetherConflict() {
    let error = ConfigurationFixtures.error(
        ConfigurationFixtures.withWebhook(
            "name: ops\nurl: https://hooks.example.org/a\nsecret: \(ConfigurationFixtures.secretA)\n"
                + "secretFile: /s/ops"),
        files: ["/s/ops": ConfigurationFixtures.secretB])
    #expect(
        error?.kind
            == .conflictingKeys(
                ["secretFile", "secret"], expected: "exactly one of secretCredential, secretFile, secret and secrets"))
    #expect(error?.keyPath == "webhooks[0]")
    #expect(error?.location == .line(4))
}

@Test func webhookWithoutAnySecretIsAnError() {
    let error = ConfigurationFixtures.error(
        ConfigurationFixtures.withWebhook("name: ops\nurl: https://hooks.example.org/a"))
    #expect(error?.kind == .missingKey(expected: "exactly one of secretCredential, secretFile, secret and secrets"))
    #expect(error?.keyPath == "webhooks[0].secretCredential")
}

@Test(arguments: [
    "whsec_not base64!",
    "wh_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
    "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhc=",  // 23 bytes
    "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=",  // 65 bytes
])
func badSecretIsRejectedWithoutEchoingIt(secret: String) {
    let error = ConfigurationFixtures.error(
        ConfigurationFixtures.withWebhook("name: ops\nurl: https://hooks.example.org/a\nsecret: \"\(secret)\""))
    #expect(error?.keyPath == "webhooks[0].secret")
    #expect(error?.location == .line(6))
    let description = error?.description ?? ""
    #expect(description.contains("whsec_…(redacted)"))
    #expect(!description.contains(secret))
}

@Test func unreadableSecretFileNamesThePath() {
    let error = ConfigurationFixtures.error(
        ConfigurationFixtures.withWebhook("name: ops\nurl: https://hooks.example.org/a\nsecretFile: /s/missing"))
    #expect(error?.keyPath == "webhooks[0].secretFile")
    guard case .unreadableFile(let path, let reason)? = error?.kind else {
        Issue.record("expected an unreadable file, got \(String(describing: error))")
        return
    }
    #expect(path == "/s/missing")
    // The reader's error, as it describes itself, is the reason.
    #expect(reason == "no fixture file at /s/missing")
}

@Test func secretFileWithBadContentsDoesNotEchoThem() {
    let contents = "whsec_tooShort"
    let error = ConfigurationFixtures.error(
        ConfigurationFixtures.withWebhook("name: ops\nurl: https://hooks.example.org/a\nsecretFile: /s/ops"),
        files: ["/s/ops": contents])
    #expect(error?.keyPath == "webhooks[0].secretFile")
    #expect(error?.description.contains(contents) == false)
}

@Test func duplicateWebhookNamesAreRejected() {
    let entry = "name: ops\nurl: https://hooks.example.org/a\nsecret: \(ConfigurationFixtures.secretA)"
    let yaml =
        ConfigurationFixtures.withWebhook(entry) + "\n  - "
        + entry.split(separator: "\n").joined(separator: "\n    ")
    let error = ConfigurationFixtures.error(yaml)
    #expect(error?.keyPath == "webhooks[1].name")
    #expect(error?.description.contains("is already the name of webhooks[0]") == true)
}

@Test(arguments: [
    ("url: https://hooks.example.org/a\nsecret: \(ConfigurationFixtures.secretA)", "webhooks[0].name"),
    ("name: ops\nsecret: \(ConfigurationFixtures.secretA)", "webhooks[0].url"),
    ("name: o p s\nurl: https://hooks.example.org/a\nsecret: \(ConfigurationFixtures.secretA)", "webhooks[0].name"),
    ("name: ops\nurl: mailto:a@b\nsecret: \(ConfigurationFixtures.secretA)", "webhooks[0].url"),
    (
        "name: ops\nurl: https://h.example.org\nsecret: \(ConfigurationFixtures.secretA)\nformat: teams",
        "webhooks[0].format"
    ),
    (
        "name: ops\nurl: https://h.example.org\nsecret: \(ConfigurationFixtures.secretA)\nbatch: hourly",
        "webhooks[0].batch"
    ),
    (
        "name: ops\nurl: https://h.example.org\nsecret: \(ConfigurationFixtures.secretA)\nevents: []",
        "webhooks[0].events"
    ),
    (
        "name: ops\nurl: https://h.example.org\nsecret: \(ConfigurationFixtures.secretA)\nevents: [\"cable/*\"]",
        "webhooks[0].events[0]"
    ),
    (
        "name: ops\nurl: https://h.example.org\nsecret: \(ConfigurationFixtures.secretA)\nevents: cable.*",
        "webhooks[0].events"
    ),
    (
        "name: ops\nurl: https://h.example.org\nsecret: \(ConfigurationFixtures.secretA)\nfilter:\n  tags: []",
        "webhooks[0].filter.tags"
    ),
])
func badWebhookEntriesNameTheKey(entry: String, keyPath: String) {
    #expect(ConfigurationFixtures.error(ConfigurationFixtures.withWebhook(entry))?.keyPath == keyPath)
}

@Test func webhooksMustBeAList() {
    let error = ConfigurationFixtures.error(ConfigurationFixtures.minimal + "\nwebhooks:\n  name: ops\n")
    #expect(error?.keyPath == "webhooks")
    #expect(error?.location == .line(4))
}

@Test func webhookConfigurationBuildsItsFilterSignerAndFormatter() throws {
    let configuration = try ConfigurationFixtures.load(
        ConfigurationFixtures.withWebhook(
            "name: ops\nurl: https://hooks.example.org/a\nsecret: \(ConfigurationFixtures.secretA)\n"
                + "events: [\"cable.*\"]\nfilter:\n  tags: [PREL]\nformat: discord"))
    let webhook = try #require(configuration.webhooks.first)
    #expect(webhook.deliveryFilter.accepts(type: "cable.added", data: ["tags": ["PREL"]]))
    #expect(!webhook.deliveryFilter.accepts(type: "cable.added", data: ["tags": ["ECON"]]))
    #expect(!webhook.deliveryFilter.accepts(type: "release.progress", data: [:]))
    #expect(try webhook.signer().secrets.map(\.keyBytes) == [ConfigurationFixtures.secretABytes])
    #expect(webhook.payloadFormatter.format == .discord)
}
