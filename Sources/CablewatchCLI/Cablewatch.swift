import ArgumentParser
import CBuildCommit

/// The `cablewatch` command-line tool: argument parsing, wiring and output only.
@main
struct Cablewatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cablewatch",
        abstract: "Track a cablegate-style release site, archive every cable, and alert on every change.",
        version: "cablewatch \(String(cString: cablewatch_build_commit()))",
        subcommands: [
            DemoCommand.self, RunCommand.self, PollCommand.self, ParseCommand.self, StatusCommand.self,
            ListCommand.self,
            ShowCommand.self,
            HistoryCommand.self, DiffCommand.self, SearchCommand.self, EventsCommand.self, ExportCommand.self,
            VerifyCommand.self, ConfigCommand.self, DeliveriesCommand.self, RedeliverCommand.self, WebhookCommand.self,
            MigrateCommand.self,
        ]
    )

    static func main() async {
        await main(LeadingConfigOption.reordered(Array(CommandLine.arguments.dropFirst())))
    }
}
