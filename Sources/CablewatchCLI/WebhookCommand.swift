import ArgumentParser
import CablewatchFetch
import CablewatchNotify
import CablewatchService
import CablewatchStore
import Foundation
import Logging

/// `cablewatch webhook …`: commands about configured webhooks.
struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook", abstract: "Work with configured webhooks.", subcommands: [WebhookTestCommand.self])
}

/// `cablewatch webhook test NAME`: send a signed `webhook.test` event now and print the receiver's answer.
struct WebhookTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Send a signed webhook.test event and print the receiver's status and body.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The webhook's name in the configuration.") var name: String

    func run() async throws {
        try await Output.run {
            let configuration = try global.loadConfigurationWithSecrets()
            guard let webhook = configuration.webhooks.first(where: { $0.name == name }) else {
                let known = configuration.webhooks.map(\.name).joined(separator: ", ")
                throw CommandFailure("no webhook named \(name) (configured: \(known.isEmpty ? "none" : known))")
            }
            let store: any ArchiveStoring
            let transport: CurlTransport
            do {
                store = CommandArchives.keep(
                    try await configuration.storage.openArchive(
                        mode: .readWrite, configPath: global.configPath,
                        environment: ProcessInfo.processInfo.environment, logger: Logger(label: "cablewatch")))
                transport = try configuration.webhookTransport()
            } catch {
                throw CommandFailure("\(error)")
            }
            defer { transport.shutdown() }
            let deliverer = WebhookDeliverer(
                store: store, endpoints: [], transport: transport, source: configuration.sourceBaseURL,
                logger: Logger(label: "cablewatch"))
            let response = try await deliverer.sendTest(to: try webhook.endpoint())
            print("POST \(webhook.shownURL): HTTP \(response.status)")
            let body = String(decoding: response.bodyPrefix, as: UTF8.self)
            if !body.isEmpty { print(body) }
            if !(200..<300).contains(response.status) { throw ExitCode(1) }
        }
    }
}
