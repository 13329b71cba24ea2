import ArgumentParser

/// The `cablegate-sim` command-line tool: a simulated cablegate-style site.
@main
struct CablegateSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cablegate-sim",
        abstract: "Generate or serve a synthetic cablegate-style site.",
        subcommands: [ServeCommand.self, GenerateCommand.self]
    )
}
