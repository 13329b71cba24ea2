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
        ConfigurationSchema.topLevelKeys + ConfigurationSchema.webhookKeys
        + ConfigurationSchema.webhookFilterKeys
    for (_, sectionKeys) in ConfigurationSchema.scalarSections { keys += sectionKeys }
    for key in keys {
        #expect(text.contains("\(key):"), "Config/cablewatch.example.yaml does not mention \(key)")
    }
}
