import ArgumentParser
import CablewatchService
import Foundation
import Logging

/// `cablewatch run`: the daemon (poll loop, reload on SIGHUP, heartbeat, systemd notify, optional metrics) until
/// SIGTERM or SIGINT; exits 0 after a clean stop, 75 at once when another `run` or `poll` writes the archive.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: poll on schedule until SIGTERM/SIGINT; SIGHUP reloads the configuration.",
        discussion: """
            Only one `run` or `poll` writes an archive at a time (a lock on ARCHIVE.lock holds its pid): \
            another one exits at once with status 75. Read commands never wait for it.
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Output.run {
            let daemon = CablewatchDaemon(
                configPath: global.configPath, environment: ProcessInfo.processInfo.environment,
                logger: Logger(label: "cablewatch"))
            do {
                try await daemon.run()
            } catch let error as ArchiveWriterLockError {
                throw error.commandFailure
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }
}
