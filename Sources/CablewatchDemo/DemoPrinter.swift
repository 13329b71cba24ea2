import CablewatchCore
import CablewatchService
import Foundation
import Synchronization

/// Turns `cablewatch demo`'s updates into terminal output: a progress bar during the baseline (on a terminal), then
/// one line per published build, per poll that found something and per verified webhook alert; and the closing
/// lines with the commands to try. Lines are flushed at once so a pipe sees them live. Thread-safe.
final class DemoPrinter: Sendable {
    let program: String
    private let bar: ProgressBar?
    private let barShown = Mutex(false)

    init(program: String) {
        self.program = program
        bar = isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
    }

    func show(_ update: DemoUpdate) {
        switch update {
        case .started(let setup):
            line(
                """
                cablewatch demo: a simulated source, a throwaway archive and a webhook receiver, all on this machine
                  source:  \(setup.sourceURL) (\(setup.cables) cables, builds \(setup.firstBuild)…\(setup.lastBuild), one every \
                \(Self.seconds(setup.interval)))
                  folder:  \(setup.directory)
                  webhook: \(setup.webhookURL) (every request's signature is verified)
                Ctrl-C stops.

                baseline: archiving build \(setup.firstBuild)/\(setup.lastBuild)…
                """)
        case .baselineProgress(let progress):
            guard let bar else { return }
            barShown.withLock { $0 = true }
            bar.update(progress)
        case .pollFinished(let poll):
            pollLine(poll)
        case .buildPublished(let build):
            line(
                "build \(build.build)/\(build.lastBuild) published (\(build.releaseDay)): "
                    + "\(build.released)/\(build.total) released, +\(build.added) new, \(build.changed) edited, "
                    + "\(build.removed) removed")
        case .alertVerified(let alert):
            line("  alert ✓ \(Self.pad(alert.type, 17)) \(alert.summary)")
        case .alertRejected(let reason):
            line("  alert ✗ rejected: \(reason)")
        case .lastBuildPublished:
            line("that was the last build; waiting for it to be archived and alerted")
        }
    }

    private func pollLine(_ poll: DemoPollResult) {
        let seconds = String(format: "%.1f s", poll.seconds)
        switch poll.outcome {
        case .success(let report) where poll.isBaseline:
            let counter = report.counter.map { " (the source lists \($0.released)/\($0.total))" } ?? ""
            line(
                "baseline complete: \(report.cablesFetched) cables archived in \(seconds), "
                    + "\(report.requests) requests\(counter)")
        case .success(let report):
            line(
                "poll: \(report.cablesFetched) cables fetched, \(report.requests) requests, "
                    + "\(report.events.count) events in \(seconds)")
        case .failure(let error):
            line("poll failed: \(error)")
        }
    }

    func finish(_ summary: DemoSummary) {
        let setup = summary.setup
        let config = "--config \(setup.configPath)"
        line(
            """

            stopped at build \(summary.build): the source lists \(summary.sourceReleased)/\(summary.sourceTotal); \
            the archive holds \(summary.archivedCables) cables (\(summary.revisions) revisions, \(summary.removed) \
            removed), \(summary.events) events, \(summary.alertsVerified) alerts verified\
            \(summary.alertsRejected > 0 ? ", \(summary.alertsRejected) rejected" : "")
            archive: \(setup.archivePath)
            config:  \(setup.configPath)
            events:  \(setup.eventLogPath)
            Try (status says "not running" and exits 2 because the demo's daemon has stopped):
              \(program) status \(config)
              \(program) search NATO \(config)
              \(program) list --limit 10 \(config)
            """)
    }

    /// Prints whole lines to stdout, ending a progress bar first.
    private func line(_ text: String) {
        barShown.withLock { shown in
            if shown {
                bar?.finish()
                shown = false
            }
            print(text)
            fflush(nil)
        }
    }

    /// `text` padded with spaces to `width` characters (never cut).
    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = duration.timeInterval
        return value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
