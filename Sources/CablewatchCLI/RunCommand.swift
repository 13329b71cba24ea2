import ArgumentParser
import CablewatchService
import Foundation
import Logging

/// `cablewatch run`: the daemon (poll loop, reload on SIGHUP, heartbeat, systemd notify, optional metrics) until
/// SIGTERM or SIGINT; exits 0 after a clean stop.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: poll on schedule until SIGTERM/SIGINT; SIGHUP reloads the configuration.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Output.run {
            let daemon = CablewatchDaemon(
                configPath: global.configPath, environment: ProcessInfo.processInfo.environment,
                logger: Logger(label: "cablewatch"))
            do {
                try await daemon.run()
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }
}
