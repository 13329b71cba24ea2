import ArgumentParser
import CablewatchService

/// `cablewatch config check`: validates the configuration and prints the effective values, secrets redacted.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Configuration tools.", subcommands: [Check.self])

    /// `config check`.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "Validate the configuration and print it with secrets redacted.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Output.run {
                let configuration = try global.loadConfigurationWithSecrets()
                let report = configuration.checkReport()
                print(report.text)
                print("\(global.configPath): ok")
            }
        }
    }
}
