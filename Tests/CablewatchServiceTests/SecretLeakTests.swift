import Foundation
import Testing

/// Distinctive credentials: a webhook's token in its path and in its query, and a proxy's password.
private let pathToken = "PATHTOKEN7f3a9c"
private let queryToken = "QUERYTOKEN51be02"
private let deadPathToken = "DEADPATHTOKEN0d4e"
private let deadQueryToken = "DEADQUERYTOKEN88a1"
private let proxyPassword = "PROXYPASSWORD2c6b"

/// The real binaries: no webhook credential (nor the signing secret) reaches the daemon's log, the commands' output,
/// the metrics, the event log or the archive's bytes; the files the daemon creates are 0640 or stricter even under
/// umask 000; and the commands that only read never open a secret.
@Suite(.serialized) struct SecretLeakTests {
    @Test(.timeLimit(.minutes(3)))
    func noWebhookOrProxyCredentialLeavesTheProcess() async throws {
        let rig = try await DaemonProcessTests.Rig(
            simulatorArguments: ["--cables", "60", "--seed", "12", "--builds", "2", "--build", "1"])
        let secret = DeliveryFixture.secret.encoded
        let receiver = try WebhookReceiver(secret: secret)
        let secretFile = rig.directory + "/good.secret"
        try writePrivately(secret + "\n", to: secretFile, mode: 0o600)
        // The dead endpoint's secret is a systemd credential, as the shipped unit hands it over.
        let credentials = rig.directory + "/credentials"
        try FileManager.default.createDirectory(
            atPath: credentials, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try writePrivately(secret + "\n", to: credentials + "/dead.secret", mode: 0o400)
        let metricsPort = try MetricsEndpointTests.freePort()
        let goodPath = "/hook/\(pathToken)"
        let config = try rig.writeConfiguration(
            poll: "  interval: 1h\n  jitter: 0\n",
            extra: """
                metrics:
                  listen: 127.0.0.1:\(metricsPort)
                webhooks:
                  - name: good
                    url: "\(receiver.url(goodPath, "token=\(queryToken)"))"
                    secretFile: \(secretFile)
                  - name: dead
                    url: "http://127.0.0.1:1/dead/\(deadPathToken)?token=\(deadQueryToken)"
                    secretCredential: dead.secret
                """)
        let cablewatch = ProcessHarness.executable("cablewatch")
        let environment = ["CREDENTIALS_DIRECTORY=\(credentials)"]

        // The daemon under umask 000: every file it creates gets its mode from cablewatch, not the umask.
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: "/bin/sh")
        daemon.arguments = ["-c", "umask 000 && exec \"$0\" run --config \"$1\"", cablewatch, config]
        var daemonEnvironment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CABLEWATCH_") }
        daemonEnvironment["CREDENTIALS_DIRECTORY"] = credentials
        daemon.environment = daemonEnvironment
        let log = rig.directory + "/daemon.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        daemon.standardOutput = handle
        daemon.standardError = handle
        try daemon.run()
        rig.daemon = daemon

        // Progress: the good endpoint gets the baseline, the dead one has a failed attempt on record.
        func run(_ arguments: String...) async throws -> (status: Int32, output: String) {
            try await ProcessHarness.runProgram(
                "/usr/bin/env", environment + [cablewatch] + arguments + ["--config", config])
        }
        try await waitUntil("a verified delivery to the good endpoint\n\(rig.log)") {
            try receiver.requests(to: goodPath).contains { $0.verified }
        }
        try await waitUntil("a failed attempt at the dead endpoint\n\(rig.log)") {
            try await run("deliveries", "--endpoint", "dead").output.contains("connection failed")
        }

        let archive = rig.directory + "/archive.sqlite3"
        for file in [archive, archive + "-wal", archive + "-shm", rig.directory + "/events.jsonl"] {
            let mode = try #require(
                FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int, "\(file) is missing")
            #expect(mode & ~0o640 == 0, "\(file) has mode \(String(mode, radix: 8)) under umask 000")
        }

        var outputs: [String: String] = [:]
        outputs["metrics"] = String(
            decoding: try await ProcessHarness.curl("http://127.0.0.1:\(metricsPort)/metrics"), as: UTF8.self)
        for command in [
            ["deliveries"], ["deliveries", "--json"], ["status"], ["status", "--json"], ["config", "check"],
            ["webhook", "test", "good"], ["webhook", "test", "dead"], ["events"],
        ] {
            outputs[command.joined(separator: " ")] = try await ProcessHarness.runProgram(
                "/usr/bin/env", environment + [cablewatch] + command + ["--config", config]
            ).output
        }
        let proxied = try await ProcessHarness.runProgram(
            "/usr/bin/env",
            environment + [
                "CABLEWATCH_HTTP_PROXY=socks5h://tor:\(proxyPassword)@127.0.0.1:9050", cablewatch, "config", "check",
                "--config", config,
            ])
        #expect(proxied.status == 0, "\(proxied.output)")
        outputs["config check with a proxy"] = proxied.output

        // What is shown instead: scheme and host[:port], the rest as "…".
        let goodShown = "http://127.0.0.1:\(receiver.port)/…"
        #expect(outputs["config check"]?.contains("webhooks[0].url: \(goodShown)") == true, "\(outputs)")
        #expect(outputs["config check"]?.contains("webhooks[1].url: http://127.0.0.1:1/…") == true)
        #expect(
            outputs["config check"]?.contains("webhooks[1].secretCredential: dead.secret (\(credentials)/dead.secret)")
                == true)
        #expect(outputs["config check with a proxy"]?.contains("http.proxy: \"socks5h://…@127.0.0.1:9050\"") == true)
        #expect(outputs["webhook test good"]?.contains("POST \(goodShown): HTTP 200") == true, "\(outputs)")
        #expect(
            outputs["webhook test dead"]?.contains("POST http://127.0.0.1:1/…: connection failed") == true, "\(outputs)"
        )
        #expect(outputs["deliveries"]?.contains("POST http://127.0.0.1:1/…: connection failed") == true)

        let (status, _) = try await rig.stop()
        #expect(status == 0)
        #expect(rig.log.contains("http://127.0.0.1:1/…"), "the daemon logged the failed attempts: \(rig.log)")
        outputs["daemon log"] = rig.log
        let files = try FileManager.default.contentsOfDirectory(atPath: rig.directory).filter {
            $0.hasPrefix("archive.sqlite3") || $0 == "events.jsonl"
        }
        #expect(files.contains("archive.sqlite3") && files.contains("events.jsonl"))
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: rig.directory + "/" + file))
            outputs[file] = String(decoding: bytes, as: UTF8.self)
        }
        let key = String(secret.dropFirst("whsec_".count))
        for (place, text) in outputs {
            for leaked in [pathToken, queryToken, deadPathToken, deadQueryToken, proxyPassword, key] {
                #expect(!text.contains(leaked), "\(leaked) found in \(place)")
            }
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func readCommandsOpenNoSecretAndTheOthersRefuseAnExposedOne() async throws {
        let directory = NSTemporaryDirectory() + "cablewatch-secrets-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (simulator, baseURL) = try await ProcessHarness.startSimulator(
            ["--cables", "30", "--seed", "4", "--builds", "2"], directory: directory)
        defer { simulator.terminate() }
        var config = try ProcessHarness.writeConfiguration(directory: directory, sourceURL: baseURL)
        #expect(try await ProcessHarness.run("cablewatch", ["poll", "--config", config]).status == 0)

        // Now one webhook's secret file is world-readable and the other's credential does not exist here.
        let secretFile = directory + "/ops.secret"
        try writePrivately(DeliveryFixture.secret.encoded + "\n", to: secretFile, mode: 0o644)
        config = try ProcessHarness.writeConfiguration(
            directory: directory, sourceURL: baseURL,
            webhooks: """
                webhooks:
                  - name: ops
                    url: https://hooks.example.org/cablewatch
                    secretFile: \(secretFile)
                  - name: chat
                    url: https://hooks.example.org/chat
                    secretCredential: missing.secret
                """)
        func cablewatch(_ arguments: [String]) async throws -> (status: Int32, output: String) {
            try await ProcessHarness.run("cablewatch", arguments + ["--config", config])
        }
        let listed = try await cablewatch(["list", "--limit", "1", "--json"])
        #expect(listed.status == 0, "\(listed.output)")
        let rows = try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]]
        let reference = try #require(rows?.first?["referenceId"] as? String)
        for command in [
            ["status"], ["list", "--limit", "3"], ["show", reference], ["history", reference], ["search", "the"],
            ["events"], ["deliveries"], ["verify"], ["export", "--format", "jsonl"], ["redeliver", "--failed"],
        ] {
            let result = try await cablewatch(command)
            #expect(result.status == 0, "\(command): \(result.output)")
            for word in ["secretFile", "secretCredential", ".secret"] {
                #expect(!result.output.contains(word), "\(command): \(result.output)")
            }
        }

        let fix = "restrict it with chmod 600 \(secretFile), or hand it to the service as a systemd credential"
        for command in [["poll"], ["config", "check"], ["webhook", "test", "ops"], ["run"]] {
            let result = try await cablewatch(command)
            #expect(result.status != 0, "\(command) must refuse the exposed secret")
            #expect(
                result.output.contains(
                    "webhooks[0].secretFile: \"\(secretFile)\" is open to group or others (mode 0644)"),
                "\(command): \(result.output)")
            #expect(result.output.contains(fix), "\(command): \(result.output)")
        }

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secretFile)
        let check = try await cablewatch(["config", "check"])
        #expect(check.status != 0)
        #expect(
            check.output.contains(
                "webhooks[1].secretCredential: cannot read \"\(directory)/missing.secret\": No such file or directory"),
            "\(check.output)")
    }

    private func writePrivately(_ text: String, to path: String, mode: Int) throws {
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    /// Polls `condition` every 100 ms for up to a minute; a generous deadline, since only progress matters.
    private func waitUntil(_ what: @autoclosure () -> String, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(60)
        while try await !condition() {
            guard Date() < deadline else { throw HarnessError("gave up waiting for \(what())") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
