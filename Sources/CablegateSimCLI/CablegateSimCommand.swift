import ArgumentParser
import CBuildCommit

/// The `cablegate-sim` command-line tool: a simulated cablegate-style site.
@main
struct CablegateSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cablegate-sim",
        abstract: "Generate or serve a synthetic cablegate-style site.",
        version: "cablegate-sim \(String(cString: cablewatch_build_commit()))",
        subcommands: [ServeCommand.self, GenerateCommand.self]
    )
}
