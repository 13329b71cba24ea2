import Foundation
import Testing

@testable import CablewatchService

private func exampleText() throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return try String(
        contentsOf: root.appendingPathComponent("Config/cablewatch.example.yaml"), encoding: .utf8)
}

@Test func exampleConfigurationLoads() throws {
    let configuration = try ConfigurationFixtures.load(
        try exampleText(), files: ["/etc/cablewatch/ops.secret": ConfigurationFixtures.secretA + "\n"])
    #expect(configuration.poll == .init())
    #expect(configuration.http == .init())
    #expect(configuration.storage == .init())
    #expect(configuration.events == .init())
    #expect(configuration.metrics == .init())
    #expect(configuration.webhooks.map(\.name) == ["ops"])
}

@Test func exampleConfigurationMentionsEveryKey() throws {
    let text = try exampleText()
    var keys =
        CablewatchConfiguration.keyNames + CablewatchConfiguration.WebhookConfiguration.keyNames
        + CablewatchConfiguration.WebhookFilterConfiguration.keyNames
    for (_, sectionKeys) in CablewatchConfiguration.scalarSections { keys += sectionKeys }
    for key in keys {
        #expect(text.contains("\(key):"), "Config/cablewatch.example.yaml does not mention \(key)")
    }
}

/// What `scripts/install.sh` installs — the example as `cablewatch.yaml`, the webhook secret beside it, the unit —
/// passes `config check` as it is, and the unit hands over the very credential the example names.
@Test(.timeLimit(.minutes(2)))
func installedExamplePassesConfigCheck() async throws {
    let directory = NSTemporaryDirectory() + "cablewatch-install-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let root = ProcessHarness.packageRoot.path
    let install = [
        "PREFIX=\(directory)/usr", "SYSCONFDIR=\(directory)/etc", "UNITDIR=\(directory)/unit",
        "BINARY=\(ProcessHarness.executable("cablewatch"))", "bash", root + "/scripts/install.sh", "--no-build",
    ]
    let installed = try await ProcessHarness.runProgram("/usr/bin/env", install)
    #expect(installed.status == 0, "\(installed.output)")
    let secret = directory + "/etc/ops.secret"
    let attributes = try FileManager.default.attributesOfItem(atPath: secret)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let secretText = try String(contentsOfFile: secret, encoding: .utf8)

    let check = try await ProcessHarness.run(
        "cablewatch", ["config", "check", "--config", directory + "/etc/cablewatch.yaml"])
    #expect(check.status == 0, "\(check.output)")
    #expect(check.output.contains("webhooks[0].secretCredential: ops.secret (\(secret))"), "\(check.output)")
    #expect(!check.output.contains(secretText.trimmingCharacters(in: .whitespacesAndNewlines)))

    let unit = try String(contentsOfFile: directory + "/unit/cablewatch.service", encoding: .utf8)
    #expect(unit.contains("\nLoadCredential=ops.secret:/etc/cablewatch/ops.secret\n"))
    #expect(try exampleText().contains("\n    secretCredential: ops.secret\n"))

    // Installing again keeps the secret the receiver was given.
    let again = try await ProcessHarness.runProgram("/usr/bin/env", install)
    #expect(again.status == 0, "\(again.output)")
    #expect(try String(contentsOfFile: secret, encoding: .utf8) == secretText)
}
