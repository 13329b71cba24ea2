import Foundation
import Testing

@testable import CablewatchService

@Test func environmentOverridesFileValues() throws {
    let configuration = try ConfigurationFixtures.load(
        ConfigurationFixtures.minimal + "\npoll:\n  interval: 15m\n",
        environment: [
            "CABLEWATCH_SOURCE_URL": "https://mirror.example.net",
            "CABLEWATCH_POLL_INTERVAL": "1m",
            "CABLEWATCH_HTTP_PERHOSTDELAY": "0s",
            "CABLEWATCH_HTTP_USER_AGENT": "override/2",
            "CABLEWATCH_EVENTS_BASELINE_PER_CABLE": "true",
            "CABLEWATCH_METRICS_LISTEN": "127.0.0.1:9000",
            "CABLEWATCH_CONFIG": "/somewhere/else.yaml",
            "HOME": "/root",
        ])
    #expect(configuration.source.url == URL(string: "https://mirror.example.net"))
    #expect(configuration.poll.interval == .seconds(60))
    #expect(configuration.http.perHostDelay == .zero)
    #expect(configuration.http.userAgent == "override/2")
    #expect(configuration.events.baselinePerCable)
    #expect(configuration.metrics.listen == MetricsListenAddress(host: "127.0.0.1", port: 9000))
}

@Test func snakeCaseAndRunTogetherSpellingsBothWork() throws {
    for name in ["CABLEWATCH_HTTP_PERHOSTDELAY", "CABLEWATCH_HTTP_PER_HOST_DELAY"] {
        let configuration = try ConfigurationFixtures.load(ConfigurationFixtures.minimal, environment: [name: "2s"])
        #expect(configuration.http.perHostDelay == .seconds(2))
    }
}

@Test func emptyEnvironmentValueTurnsOptionalFeatureOff() throws {
    let configuration = try ConfigurationFixtures.load(
        ConfigurationFixtures.minimal + "\nhttp:\n  proxy: http://proxy.example.org:3128\n",
        environment: ["CABLEWATCH_HTTP_PROXY": "", "CABLEWATCH_EVENTS_LOG": ""])
    #expect(configuration.http.proxy == nil)
    #expect(configuration.events.log == nil)
}

@Test func invalidEnvironmentValueNamesTheVariable() {
    let error = ConfigurationFixtures.error(
        ConfigurationFixtures.minimal, environment: ["CABLEWATCH_POLL_INTERVAL": "soon"])
    #expect(
        error?.description
            == "poll.interval: \"soon\" is not a duration (expected e.g. 250ms, 30s, 15m, 24h)"
            + " in environment variable CABLEWATCH_POLL_INTERVAL")
}

@Test func unknownCablewatchVariableIsAnError() {
    let error = ConfigurationFixtures.error(
        ConfigurationFixtures.minimal, environment: ["CABLEWATCH_POLL_INTERVALL": "1m"])
    #expect(error?.kind == .unknownEnvironmentVariable(name: "CABLEWATCH_POLL_INTERVALL"))
    #expect(error?.description.contains("CABLEWATCH_POLL_INTERVALL") == true)
}

@Test func webhooksCannotBeSetFromEnvironment() {
    let error = ConfigurationFixtures.error(
        ConfigurationFixtures.minimal, environment: ["CABLEWATCH_WEBHOOKS_URL": "https://x.example.org"])
    #expect(error?.kind == .unknownEnvironmentVariable(name: "CABLEWATCH_WEBHOOKS_URL"))
}

@Test func bothSpellingsOfOneKeyConflict() {
    let error = ConfigurationFixtures.error(
        ConfigurationFixtures.minimal,
        environment: ["CABLEWATCH_HTTP_PERHOSTDELAY": "1s", "CABLEWATCH_HTTP_PER_HOST_DELAY": "2s"])
    #expect(error?.keyPath == "http.perHostDelay")
    guard case .conflictingKeys? = error?.kind else {
        Issue.record("expected conflicting keys, got \(String(describing: error))")
        return
    }
}

@Test func everyScalarKeyHasAnEnvironmentVariable() {
    #expect(
        ConfigurationEnvironment.variableNames(section: "poll", key: "failuresBeforeAlert")
            == ["CABLEWATCH_POLL_FAILURESBEFOREALERT", "CABLEWATCH_POLL_FAILURES_BEFORE_ALERT"])
    #expect(ConfigurationEnvironment.variableNames(section: "source", key: "url") == ["CABLEWATCH_SOURCE_URL"])
}
