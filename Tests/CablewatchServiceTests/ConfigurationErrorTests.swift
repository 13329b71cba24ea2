import Testing

@testable import CablewatchService

@Test func unknownTopLevelKeyNamesKeyAndLine() {
    let error = ConfigurationFixtures.error(ConfigurationFixtures.minimal + "\nsourc:\n  url: x\n")
    #expect(error?.keyPath == "sourc")
    #expect(error?.location == .line(3))
    #expect(error?.description.hasPrefix("sourc: unknown key (expected one of source, poll, http,") == true)
}

@Test func unknownSectionKeyNamesFullPathAndLine() {
    let yaml = """
        source:
          url: https://cablegate.example.org
        poll:
          jitter: 0.2
          intervall: 15m
        """
    let error = ConfigurationFixtures.error(yaml)
    #expect(error?.keyPath == "poll.intervall")
    #expect(error?.location == .line(5))
    #expect(
        error?.description
            == "poll.intervall: unknown key (expected one of interval, jitter, revalidate, timeout,"
            + " failuresBeforeAlert, staleAfter, massRemovalMinimum, massRemovalPercent) at line 5")
}

@Test func unknownKeyInsideWebhookEntryNamesIndexAndLine() {
    let yaml = """
        source:
          url: https://cablegate.example.org
        webhooks:
          - name: ops
            url: https://hooks.example.org/a
            secret: \(ConfigurationFixtures.secretA)
          - name: chat
            url: https://hooks.example.org/b
            secret: \(ConfigurationFixtures.secretA)
            evnets: ["*"]
        """
    let error = ConfigurationFixtures.error(yaml)
    #expect(error?.keyPath == "webhooks[1].evnets")
    #expect(error?.location == .line(10))
}

@Test func unknownKeyInsideWebhookFilterNamesFullPathAndLine() {
    let yaml = ConfigurationFixtures.withWebhook(
        """
        name: ops
        url: https://hooks.example.org/a
        secret: \(ConfigurationFixtures.secretA)
        filter:
          origins: ["Embassy Seoul"]
          origin: ["Embassy Paris"]
        """)
    let error = ConfigurationFixtures.error(yaml)
    #expect(error?.keyPath == "webhooks[0].filter.origin")
    #expect(error?.location == .line(9))
    #expect(error?.description.contains("expected one of origins, classifications, tags") == true)
}

@Test func badDurationMessageNamesKeyValueExpectationAndLine() {
    let yaml = """
        source:
          url: https://cablegate.example.org
        poll:
          interval: "15 minutes"
        """
    #expect(
        ConfigurationFixtures.error(yaml)?.description
            == "poll.interval: \"15 minutes\" is not a duration (expected e.g. 250ms, 30s, 15m, 24h) at line 4")
}

@Test(arguments: [
    (
        "poll:\n  interval: 0s",
        "poll.interval: \"0s\" is zero (expected a duration above zero, e.g. 250ms, 30s, 15m, 24h) at line 4"
    ),
    ("poll:\n  jitter: 0.7", "poll.jitter: \"0.7\" is out of range (expected a number from 0 to 0.5) at line 4"),
    ("poll:\n  jitter: lots", "poll.jitter: \"lots\" is not a number (expected a number from 0 to 0.5) at line 4"),
    (
        "poll:\n  failuresBeforeAlert: 0",
        "poll.failuresBeforeAlert: \"0\" is out of range (expected a whole number of at least 1) at line 4"
    ),
    (
        "http:\n  concurrency: 65",
        "http.concurrency: \"65\" is out of range (expected a whole number from 1 to 64) at line 4"
    ),
    (
        "http:\n  concurrency: four",
        "http.concurrency: \"four\" is not a whole number (expected a whole number from 1 to 64) at line 4"
    ),
    (
        "http:\n  maxBodyBytes: 16MB",
        "http.maxBodyBytes: \"16MB\" is not a whole number (expected a whole number of at least 1) at line 4"
    ),
    (
        "http:\n  proxy: ftp://proxy.example.org",
        "http.proxy: \"ftp://proxy.example.org\" has an unsupported scheme (expected \"\" for none, or an http://,"
            + " https://, socks5:// or socks5h:// URL, e.g. socks5h://127.0.0.1:9050) at line 4"
    ),
    (
        "events:\n  baselinePerCable: yes",
        "events.baselinePerCable: \"yes\" is not a boolean (expected true or false) at line 4"
    ),
    (
        "metrics:\n  listen: 0.0.0.0:9464",
        "metrics.listen: \"0.0.0.0:9464\" is not a loopback host:port (expected \"\" for off, or host:port on"
            + " loopback, e.g. 127.0.0.1:9464, localhost:9464, [::1]:9464) at line 4"
    ),
    (
        "source:\n  home: index.html",
        "source.home: \"index.html\" is not an absolute path (expected a path starting with /, e.g. /index.html or /cablegate.html) at line 3"
    ),
    (
        "storage:\n  path: \"\"",
        "storage.path: \"\" is empty (expected a file path, e.g. /var/lib/cablewatch/cablewatch.sqlite3) at line 4"
    ),
    ("poll:\n  interval: [15m]", "poll.interval: found a list (expected a single value) at line 4"),
    (
        "poll: 15m",
        "poll: found a single value (expected a mapping with the keys interval, jitter, revalidate, timeout, failuresBeforeAlert, staleAfter, massRemovalMinimum, massRemovalPercent) at line 3"
    ),
])
func badValuesGiveExactMessages(section: String, message: String) {
    let yaml: String
    if section.hasPrefix("source:") {
        yaml = "source:\n  url: https://cablegate.example.org\n" + section.dropFirst("source:\n".count)
    } else {
        yaml = ConfigurationFixtures.minimal + "\n" + section + "\n"
    }
    #expect(ConfigurationFixtures.error(yaml)?.description == message)
}

@Test(arguments: ["ftp://cablegate.example.org", "not a url", "https://", "cablegate.example.org"])
func sourceURLMustBeHTTPWithHost(url: String) {
    let error = ConfigurationFixtures.error("source:\n  url: \"\(url)\"\n")
    #expect(error?.keyPath == "source.url")
    #expect(error?.location == .line(2))
    guard case .invalidValue(let value, _, _)? = error?.kind else {
        Issue.record("expected an invalid value, got \(String(describing: error))")
        return
    }
    #expect(value == url)
}

@Test func malformedYAMLReportsALine() {
    let error = ConfigurationFixtures.error("source:\n  url: [unclosed\n")
    guard case .malformedYAML? = error?.kind else {
        Issue.record("expected malformed YAML, got \(String(describing: error))")
        return
    }
    #expect(error?.location != .unknown)
}

@Test func duplicateKeyIsAnError() {
    let error = ConfigurationFixtures.error(ConfigurationFixtures.minimal + "\npoll:\n  interval: 1m\n  interval: 2m\n")
    guard case .malformedYAML(let reason)? = error?.kind else {
        Issue.record("expected malformed YAML, got \(String(describing: error))")
        return
    }
    #expect(reason.contains("interval"))
}

@Test func aDecodingErrorFromYamsIsTranslatedToKeyPathAndLine() throws {
    let root = try #require(
        try CablewatchConfiguration.compose(ConfigurationFixtures.minimal + "\npoll:\n  interval: [15m]\n"))
    let codingPath: [any CodingKey] = [
        CablewatchConfiguration.CodingKeys.poll, CablewatchConfiguration.PollConfiguration.CodingKeys.interval,
    ]
    let mismatch = DecodingError.typeMismatch(
        String.self, .init(codingPath: codingPath, debugDescription: "Expected to decode String but found Sequence"))
    #expect(
        ConfigurationError(decoding: mismatch, in: root).description
            == "poll.interval: found a list (expected a single value) at line 4")
    let missing = DecodingError.keyNotFound(
        CablewatchConfiguration.SourceConfiguration.CodingKeys.home,
        .init(codingPath: [CablewatchConfiguration.CodingKeys.source], debugDescription: "No value"))
    #expect(
        ConfigurationError(decoding: missing, in: root).description
            == "source.home: required key is missing (expected a value) at line 2")
}

@Test func aWebhookEntryThatIsNotAMappingListsItsKeys() {
    let error = ConfigurationFixtures.error(ConfigurationFixtures.minimal + "\nwebhooks:\n  - ops\n")
    #expect(
        error?.description
            == "webhooks[0]: found a single value (expected a mapping with the keys name, url, secretCredential,"
            + " secretFile, secret, secrets, events, filter, format, batch) at line 4")
}

@Test func anEnvironmentValueIsTextEvenWhereYAMLWouldReadNull() throws {
    let configuration = try ConfigurationFixtures.load(
        ConfigurationFixtures.minimal, environment: ["CABLEWATCH_HTTP_USER_AGENT": "~"])
    #expect(configuration.http.userAgent == "~")
}
