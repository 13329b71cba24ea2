import Foundation
import Testing

@testable import CablewatchService

private let fullYAML = """
    source:
      url: https://cablegate.example.org
    webhooks:
      - name: inline
        url: https://hooks.example.org/a
        secret: \(ConfigurationFixtures.secretA)
      - name: rotating
        url: http://hooks.example.org/b
        secrets: [\(ConfigurationFixtures.secretA), \(ConfigurationFixtures.secretB)]
      - name: filed
        url: https://hooks.example.org/c
        secretFile: /s/filed
        filter:
          tags: [PREL]
    """

@Test func redactedDescriptionListsEveryValueButNoSecret() throws {
    let configuration = try ConfigurationFixtures.load(
        fullYAML, files: ["/s/filed": ConfigurationFixtures.secretB])
    let description = configuration.redactedDescription
    for secret in [ConfigurationFixtures.secretA, ConfigurationFixtures.secretB] {
        #expect(!description.contains(secret))
        #expect(!description.contains(String(secret.dropFirst("whsec_".count))))
    }
    let keys = Set(description.split(separator: "\n").compactMap { $0.split(separator: ":").first.map(String.init) })
    for (section, sectionKeys) in CablewatchConfiguration.scalarSections {
        for key in sectionKeys {
            #expect(keys.contains("\(section).\(key)"), "missing \(section).\(key)")
        }
    }
    #expect(description.contains("poll.interval: 15m"))
    #expect(description.contains("http.perHostDelay: 250ms"))
    #expect(description.contains("webhooks[0].secrets: [whsec_…(redacted)]"))
    #expect(description.contains("webhooks[1].secrets: [whsec_…(redacted), whsec_…(redacted)]"))
    #expect(description.contains("webhooks[2].secretFile: /s/filed"))
    #expect(description.contains("webhooks[2].filter.tags: [\"PREL\"]"))
    #expect(description.contains("webhooks[2].filter.origins: (any)"))
}

@Test func secretTypesNeverPrintTheirKey() throws {
    let configuration = try ConfigurationFixtures.load(fullYAML, files: ["/s/filed": ConfigurationFixtures.secretB])
    let dumped = "\(configuration.webhooks[0].secrets) \(String(describing: configuration.webhooks[0].secrets[0]))"
    #expect(!dumped.contains(String(ConfigurationFixtures.secretA.dropFirst("whsec_".count))))
    #expect(dumped.contains("whsec_…(redacted)"))
}

@Test func secretFileOpenToOthersStopsTheLoadWithTheFix() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "cablewatch-config-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let secretPath = directory.appendingPathComponent("ops.secret").path
    try ConfigurationFixtures.secretB.write(toFile: secretPath, atomically: false, encoding: .utf8)
    let configPath = directory.appendingPathComponent("cablewatch.yaml").path
    try ConfigurationFixtures.withWebhook(
        "name: ops\nurl: https://hooks.example.org/a\nsecretFile: \(secretPath)"
    ).write(toFile: configPath, atomically: false, encoding: .utf8)

    for mode in [0o644, 0o640, 0o604, 0o620] {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: secretPath)
        do {
            _ = try CablewatchConfiguration.load(path: configPath, environment: [:], secrets: .read)
            Issue.record("a secret file with mode \(String(mode, radix: 8)) must stop the load")
        } catch {
            #expect(error.kind == .exposedSecretFile(path: secretPath, permissionBits: UInt32(mode)))
            #expect(
                error.description
                    == "webhooks[0].secretFile: \"\(secretPath)\" is open to group or others (mode 0\(String(mode, radix: 8)));"
                    + " restrict it with chmod 600 \(secretPath), or hand it to the service as a systemd credential"
                    + " (LoadCredential= in the unit, secretCredential: NAME here) at line 6")
        }
        // Commands that only read the archive never open the secret, so its mode cannot stop them.
        let unread = try CablewatchConfiguration.load(path: configPath, environment: [:], secrets: .skip)
        #expect(unread.webhooks.first?.secrets.isEmpty == true)
    }

    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secretPath)
    let configuration = try CablewatchConfiguration.load(path: configPath, environment: [:], secrets: .read)
    #expect(configuration.webhooks.first?.secrets.map(\.keyBytes) == [ConfigurationFixtures.secretBBytes])
    #expect(configuration.checkReport().warnings.isEmpty)
}

@Test func plainHTTPWebhookGivesAWarning() throws {
    let configuration = try ConfigurationFixtures.load(fullYAML, files: ["/s/filed": ConfigurationFixtures.secretB])
    let report = configuration.checkReport()
    #expect(
        report.warnings == ["webhooks[1].url: http://hooks.example.org/… is plain http; payloads travel unencrypted"])
    #expect(report.values.joined(separator: "\n") == configuration.redactedDescription)
}

@Test func missingConfigurationFileIsAnUnreadableFileError() {
    #expect(throws: ConfigurationError.self) {
        try CablewatchConfiguration.load(path: "/nonexistent/cablewatch.yaml", environment: [:], secrets: .read)
    }
}

@Test func unreadableFilesSayWhyInTheSystemsWords() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cablewatch-read-\(UUID())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let invalid = directory + "/latin1.yaml"
    #expect(
        FileManager.default.createFile(atPath: invalid, contents: Data([0x73, 0x6F, 0x75, 0x72, 0x63, 0xE9, 0x0A])))
    let huge = directory + "/huge.yaml"
    #expect(FileManager.default.createFile(atPath: huge, contents: Data(repeating: 0x23, count: 2 << 20)))
    let fine = directory + "/fine.yaml"
    #expect(FileManager.default.createFile(atPath: fine, contents: Data("source: ünïcode\n".utf8)))
    for (path, reason) in [
        (directory + "/missing.yaml", "No such file or directory"), (directory, "Is a directory"),
        (invalid, "not valid UTF-8"), (huge, "larger than 1024 KiB; is this the right file?"),
    ] {
        #expect(throws: ConfigurationError.self) {
            try CablewatchConfiguration.load(path: path, environment: [:], secrets: .read)
        }
        do {
            _ = try CablewatchConfiguration.load(path: path, environment: [:], secrets: .read)
        } catch {
            #expect(error.description == "cannot read \"\(path)\": \(reason)")
        }
    }
    #expect(try ConfigurationFileSystem.readText(atPath: fine) == "source: ünïcode\n")

    // A webhook's secret file goes through the same read, and its error names the key and the line, once.
    let secretFile = directory + "/missing-secret"
    let withSecret = directory + "/with-secret.yaml"
    let yaml = ConfigurationFixtures.withWebhook(
        "name: ops\nurl: https://hooks.example.org/a\nsecretFile: \(secretFile)")
    #expect(FileManager.default.createFile(atPath: withSecret, contents: Data(yaml.utf8)))
    let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("secretFile") }
    do {
        _ = try CablewatchConfiguration.load(path: withSecret, environment: [:], secrets: .read)
        Issue.record("a missing secret file must fail the load")
    } catch {
        #expect(
            error.description
                == "webhooks[0].secretFile: cannot read \"\(secretFile)\": No such file or directory at line "
                + "\((line ?? -1) + 1)")
    }
}
