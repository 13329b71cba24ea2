import CablewatchNotify
import Foundation
import Testing

@testable import CablewatchService

@Test func minimalFileGetsDocumentedDefaults() throws {
    let configuration = try ConfigurationFixtures.load(ConfigurationFixtures.minimal)
    #expect(configuration.source.url == URL(string: "https://cablegate.example.org"))
    #expect(configuration.source.home == "/cablegate.html")
    #expect(configuration.poll.interval == .seconds(900))
    #expect(configuration.poll.jitter == 0.1)
    #expect(configuration.poll.revalidate == .seconds(86_400))
    #expect(configuration.poll.timeout == .seconds(300))
    #expect(configuration.poll.failuresBeforeAlert == 3)
    #expect(configuration.poll.staleAfter == .zero)
    #expect(configuration.http.userAgent == "cablewatch/0.1 (+https://github.com/cablewatch/cablewatch)")
    #expect(configuration.http.connectTimeout == .seconds(10))
    #expect(configuration.http.timeout == .seconds(30))
    #expect(configuration.http.concurrency == 4)
    #expect(configuration.http.perHostDelay == .milliseconds(250))
    #expect(configuration.http.maxBodyBytes == 16_777_216)
    #expect(configuration.http.proxy == nil)
    #expect(configuration.storage.path == "/var/lib/cablewatch/cablewatch.sqlite3")
    #expect(configuration.events.log == "/var/log/cablewatch/events.jsonl")
    #expect(configuration.events.baselinePerCable == false)
    #expect(configuration.metrics.listen == nil)
    #expect(configuration.webhooks.isEmpty)
}

@Test func loadedDefaultsEqualTheProgrammaticDefaults() throws {
    let configuration = try ConfigurationFixtures.load(ConfigurationFixtures.minimal)
    let url = try #require(URL(string: "https://cablegate.example.org"))
    #expect(configuration == CablewatchConfiguration(source: .init(url: url)))
}

@Test func emptySectionsAndNullValuesKeepDefaults() throws {
    let configuration = try ConfigurationFixtures.load(
        ConfigurationFixtures.minimal + "\npoll:\nhttp: ~\nwebhooks:\n")
    #expect(configuration.poll == .init())
    #expect(configuration.http == .init())
    #expect(configuration.webhooks.isEmpty)
}

@Test func missingSourceURLIsAnError() {
    let error = ConfigurationFixtures.error("poll:\n  interval: 15m\n")
    #expect(error?.keyPath == "source.url")
    #expect(error?.description.hasPrefix("source.url: required key is missing (expected an http or https URL") == true)
}

@Test func emptyDocumentNeedsOnlySourceURLFromEnvironment() throws {
    let configuration = try ConfigurationFixtures.load(
        "", environment: ["CABLEWATCH_SOURCE_URL": "http://127.0.0.1:8080"])
    #expect(configuration.source.url == URL(string: "http://127.0.0.1:8080"))
}
