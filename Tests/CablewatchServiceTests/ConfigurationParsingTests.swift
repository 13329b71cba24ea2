import CablewatchNotify
import Foundation
import Testing

@testable import CablewatchService

@Test func everyKeyIsParsed() throws {
    let yaml = """
        source:
          url: http://mirror.example.net:8080/cables
          home: /cablegate.html
        poll:
          interval: 5m
          jitter: 0.25
          revalidate: 0s
          timeout: 90s
          failuresBeforeAlert: 7
          staleAfter: 48h
          massRemovalMinimum: 40
          massRemovalPercent: 5
        http:
          userAgent: "tester/1.0 (+mailto:me@example.org)"
          connectTimeout: 3s
          timeout: 1m
          concurrency: 64
          perHostDelay: 0s
          maxBodyBytes: 1048576
          proxy: socks5h://127.0.0.1:9050
        storage:
          path: ./archive.sqlite3
        events:
          log: ""
          baselinePerCable: true
        metrics:
          listen: "[::1]:9464"
        webhooks:
          - name: ops
            url: https://hooks.example.org/a
            secret: \(ConfigurationFixtures.secretA)
            events: ["cable.*", "release.progress"]
            filter:
              origins: ["Embassy Seoul"]
              classifications: [SECRET]
              tags: [PREL, KNNP]
            format: slack
            batch: release
          - name: chat_2
            url: https://discord.example.org/x
            secretFile: /run/secrets/chat
            format: discord
        """
    let configuration = try ConfigurationFixtures.load(
        yaml, files: ["/run/secrets/chat": ConfigurationFixtures.secretB + "\n"])
    #expect(configuration.source.url == URL(string: "http://mirror.example.net:8080/cables"))
    #expect(configuration.source.home == "/cablegate.html")
    #expect(
        configuration.poll
            == .init(
                interval: .seconds(300), jitter: 0.25, revalidate: .zero, timeout: .seconds(90),
                failuresBeforeAlert: 7, staleAfter: .seconds(48 * 3600), massRemovalMinimum: 40,
                massRemovalPercent: 5))
    #expect(
        configuration.http
            == .init(
                userAgent: "tester/1.0 (+mailto:me@example.org)", connectTimeout: .seconds(3),
                timeout: .seconds(60), concurrency: 64, perHostDelay: .zero, maxBodyBytes: 1_048_576,
                proxy: URL(string: "socks5h://127.0.0.1:9050")))
    #expect(configuration.storage.path == "./archive.sqlite3")
    #expect(configuration.events == .init(log: nil, baselinePerCable: true))
    #expect(configuration.metrics.listen == MetricsListenAddress(host: "::1", port: 9464))

    #expect(configuration.webhooks.count == 2)
    let ops = configuration.webhooks[0]
    #expect(ops.name == "ops")
    #expect(ops.url == URL(string: "https://hooks.example.org/a"))
    #expect(ops.secrets.map(\.keyBytes) == [ConfigurationFixtures.secretABytes])
    #expect(ops.secretFile == nil)
    #expect(ops.events.map(\.pattern) == ["cable.*", "release.progress"])
    #expect(ops.filter == .init(origins: ["Embassy Seoul"], classifications: ["SECRET"], tags: ["PREL", "KNNP"]))
    #expect(ops.format == .slack)
    #expect(ops.batch == .release)
    let chat = configuration.webhooks[1]
    #expect(chat.secrets.map(\.keyBytes) == [ConfigurationFixtures.secretBBytes])
    #expect(chat.secretFile == "/run/secrets/chat")
    #expect(chat.events == [.all])
    #expect(chat.filter == .init())
    #expect(chat.format == .discord)
    #expect(chat.batch == WebhookBatchMode.none)
}

@Test(arguments: [
    ("250ms", Duration.milliseconds(250)), ("30s", .seconds(30)), ("15m", .seconds(900)),
    ("24h", .seconds(86_400)), ("0s", .zero), ("0ms", .zero), ("1500ms", .milliseconds(1500)),
])
func everyDurationFormParses(text: String, expected: Duration) throws {
    let configuration = try ConfigurationFixtures.load(
        ConfigurationFixtures.minimal + "\npoll:\n  revalidate: \(text)\n")
    #expect(configuration.poll.revalidate == expected)
}

@Test(arguments: ["15 minutes", "15", "1.5h", "-5s", "15M", "5d", "ms", " 5s", "99999999999999h"])
func malformedDurationsAreRejected(text: String) {
    #expect(ConfigurationDuration.parse(text) == nil)
}

@Test func durationsAreFormattedInTheLargestExactUnit() {
    #expect(ConfigurationDuration.format(.seconds(900)) == "15m")
    #expect(ConfigurationDuration.format(.milliseconds(250)) == "250ms")
    #expect(ConfigurationDuration.format(.seconds(86_400)) == "24h")
    #expect(ConfigurationDuration.format(.seconds(90)) == "90s")
    #expect(ConfigurationDuration.format(.zero) == "0s")
}

@Test(arguments: [
    ("127.0.0.1:9464", MetricsListenAddress(host: "127.0.0.1", port: 9464)),
    ("localhost:1", MetricsListenAddress(host: "localhost", port: 1)),
    ("[::1]:65535", MetricsListenAddress(host: "::1", port: 65535)),
    ("127.1.2.3:80", MetricsListenAddress(host: "127.1.2.3", port: 80)),
])
func loopbackListenAddressesParse(text: String, expected: MetricsListenAddress) {
    #expect(MetricsListenAddress(parsing: text) == expected)
}

@Test(arguments: ["0.0.0.0:9464", "10.0.0.1:80", "localhost", "127.0.0.1:0", "127.0.0.1:70000", "[::]:80", "::1:80"])
func nonLoopbackOrMalformedListenAddressesAreRejected(text: String) {
    #expect(MetricsListenAddress(parsing: text) == nil)
}
