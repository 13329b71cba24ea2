import CablewatchCore
import Foundation
import Testing

@testable import CablewatchService

private let pathToken = "T0KEN-in-the-path"
private let queryStringToken = "Q-T0KEN"

/// Secrets in the configuration: webhook URLs and proxies shown without their credentials, secret files that others
/// may open refused, systemd credentials, and read commands that open no secret at all.
struct SecretConfigurationTests {
    private static let token = pathToken
    private static let queryToken = queryStringToken

    @Test func webhookURLWithUserInfoIsRefusedWithWhatToDoInstead() {
        let error = ConfigurationFixtures.error(
            ConfigurationFixtures.withWebhook(
                "name: ops\nurl: https://cablewatch:hunter2@hooks.example.org/\(Self.token)\n"
                    + "secret: \(ConfigurationFixtures.secretA)"))
        #expect(error?.keyPath == "webhooks[0].url")
        #expect(error?.location == .line(5))
        #expect(
            error?.description
                == "webhooks[0].url: \"https://…@hooks.example.org/…\" carries a user name or password (expected a URL"
                + " without user:password@ — receivers authenticate cablewatch by the webhook signature, so put"
                + " credentials in the secret, not the URL, e.g. https://hooks.example.org/cablewatch) at line 5")
        for leaked in ["hunter2", "cablewatch:", Self.token] {
            #expect(error?.description.contains(leaked) == false)
        }
    }

    @Test(arguments: [
        "ftp://hooks.example.org/\(pathToken)?token=\(queryStringToken)",
        "https://ho st.example.org/\(pathToken)?token=\(queryStringToken)",
        "https://hooks.example.org:99999/\(pathToken)?token=\(queryStringToken)",
    ])
    func aRefusedWebhookURLIsNotEchoed(url: String) {
        let error = ConfigurationFixtures.error(
            ConfigurationFixtures.withWebhook("name: ops\nurl: \"\(url)\"\nsecret: \(ConfigurationFixtures.secretA)"))
        #expect(error?.keyPath == "webhooks[0].url")
        let description = error?.description ?? ""
        #expect(!description.contains(Self.token) && !description.contains(Self.queryToken), "\(description)")
    }

    @Test func checkReportShowsWebhookURLsAndTheProxyWithoutCredentials() throws {
        let configuration = try ConfigurationFixtures.load(
            ConfigurationFixtures.withWebhook(
                "name: chat\nurl: https://hooks.slack.com/services/T000/B000/\(Self.token)?token=\(Self.queryToken)\n"
                    + "secret: \(ConfigurationFixtures.secretA)"),
            environment: ["CABLEWATCH_HTTP_PROXY": "socks5h://tor:pr0xy-pass@127.0.0.1:9050"])
        let report = configuration.checkReport().text
        #expect(report.contains("webhooks[0].url: https://hooks.slack.com/…"))
        #expect(report.contains("http.proxy: \"socks5h://…@127.0.0.1:9050\""))
        for leaked in [Self.token, Self.queryToken, "pr0xy-pass", "tor:"] {
            #expect(!report.contains(leaked), "\(leaked) in \(report)")
        }
        #expect(configuration.http.proxy?.password == "pr0xy-pass", "libcurl still gets the proxy's credentials")
        #expect(configuration.webhooks[0].url.absoluteString.contains(Self.token), "and the deliverer the real URL")
    }

    @Test func aRefusedProxyIsNotEchoed() {
        let error = ConfigurationFixtures.error(
            ConfigurationFixtures.minimal, environment: ["CABLEWATCH_HTTP_PROXY": "ftp://tor:pr0xy-pass@127.0.0.1:21"])
        #expect(error?.keyPath == "http.proxy")
        #expect(error?.description.contains("pr0xy-pass") == false)
    }

    @Test func secretCredentialIsReadFromSystemdsFolder() throws {
        let yaml = ConfigurationFixtures.withWebhook(
            "name: ops\nurl: https://hooks.example.org/a\nsecretCredential: ops.secret")
        let folder = "/run/credentials/cablewatch.service"
        // systemd's files may show an ACL's mask as group bits; the folder itself is the service's alone.
        let configuration = try ConfigurationFixtures.load(
            yaml, files: ["\(folder)/ops.secret": ConfigurationFixtures.secretB + "\n"],
            modes: ["\(folder)/ops.secret": 0o440], credentialsFolder: .systemd(folder))
        let webhook = try #require(configuration.webhooks.first)
        #expect(webhook.secrets.map(\.keyBytes) == [ConfigurationFixtures.secretBBytes])
        #expect(webhook.secretOrigin == .credential(name: "ops.secret", path: "\(folder)/ops.secret"))
        #expect(
            configuration.redactedDescription.contains(
                "webhooks[0].secretCredential: ops.secret (\(folder)/ops.secret)"))
    }

    @Test func outsideSystemdACredentialIsTheFileBesideTheConfiguration() throws {
        let yaml = ConfigurationFixtures.withWebhook(
            "name: ops\nurl: https://hooks.example.org/a\nsecretCredential: ops.secret")
        let file = "/etc/cablewatch/ops.secret"
        let configuration = try ConfigurationFixtures.load(yaml, files: [file: ConfigurationFixtures.secretA])
        #expect(configuration.webhooks.first?.secretOrigin == .credential(name: "ops.secret", path: file))
        // There it is an ordinary file, so its mode is checked as a secretFile's is.
        let exposed = ConfigurationFixtures.error(
            yaml, files: [file: ConfigurationFixtures.secretA], modes: [file: 0o644])
        #expect(exposed?.kind == .exposedSecretFile(path: file, permissionBits: 0o644))
        #expect(exposed?.keyPath == "webhooks[0].secretCredential")
        #expect(exposed?.location == .line(6))
        let missing = ConfigurationFixtures.error(yaml)
        #expect(missing?.kind == .unreadableFile(path: file, reason: "no fixture file at \(file)"))
    }

    @Test(arguments: ["../ops.secret", "..", "/etc/cablewatch/ops.secret", ""])
    func aCredentialNameIsANameNotAPath(name: String) {
        let error = ConfigurationFixtures.error(
            ConfigurationFixtures.withWebhook(
                "name: ops\nurl: https://hooks.example.org/a\nsecretCredential: \"\(name)\""))
        #expect(error?.keyPath == "webhooks[0].secretCredential")
        #expect(error?.description.contains("LoadCredential=NAME:/etc/cablewatch/NAME") == true)
    }

    @Test func theCredentialsFolderIsSystemdsOrTheConfigurationsOwn() {
        func folder(_ path: String, _ environment: [String: String] = [:])
            -> ConfigurationSecretAccess.CredentialsFolder
        {
            ConfigurationSecretAccess.system(configPath: path, environment: environment).credentialsFolder
        }
        #expect(folder("/etc/cablewatch/cablewatch.yaml") == .besideConfiguration("/etc/cablewatch"))
        #expect(folder("cablewatch.yaml") == .besideConfiguration("."))
        #expect(folder("/cablewatch.yaml") == .besideConfiguration("/"))
        #expect(
            folder("/etc/cablewatch/cablewatch.yaml", ["CREDENTIALS_DIRECTORY": "/run/credentials/cablewatch.service"])
                == .systemd("/run/credentials/cablewatch.service"))
    }

    @Test func loadingWithoutSecretsOpensNoFile() throws {
        let yaml =
            ConfigurationFixtures.minimal + """

                webhooks:
                  - name: filed
                    url: https://hooks.example.org/a
                    secretFile: /s/ops
                  - name: credential
                    url: https://hooks.example.org/b
                    secretCredential: ops.secret
                  - name: inline
                    url: https://hooks.example.org/c
                    secret: \(ConfigurationFixtures.secretA)
                """
        let configuration = try CablewatchConfiguration.load(yaml: yaml, environment: [:], secretAccess: nil)
        #expect(
            configuration.webhooks.map(\.secretOrigin) == [
                .file(path: "/s/ops"), .credential(name: "ops.secret", path: nil), .inline,
            ])
        #expect(configuration.webhooks[0].secrets.isEmpty && configuration.webhooks[1].secrets.isEmpty)
        // The keys are still checked.
        #expect(throws: ConfigurationError.self) {
            try CablewatchConfiguration.load(
                yaml: yaml.replacingOccurrences(of: "secretCredential: ops.secret", with: "secretCredential: ../x"),
                environment: [:], secretAccess: nil)
        }
    }

    @Test func aTransportErrorShowsTheWebhookURLRedacted() {
        let error = FetchError(
            .connectionFailed, method: "POST", url: "http://127.0.0.1:1/hook/\(Self.token)?token=\(Self.queryToken)",
            detail: "Failed to connect to 127.0.0.1 port 1")
        #expect(
            error.redactingURL.description
                == "POST http://127.0.0.1:1/…: connection failed (Failed to connect to 127.0.0.1 port 1)")
    }
}
