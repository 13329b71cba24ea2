/// The YAML configuration `cablewatch demo` writes into its folder: a real configuration for the simulated source,
/// fast polling, the folder's archive and event log, and one webhook to the local receiver. The user can reuse it
/// with `cablewatch status --config PATH` after the demo.
enum DemoConfigurationFile {
    /// The event types sent to the demo's receiver: releases, changes, removals and the source's health (not every
    /// `cable.added`, which would flood the terminal).
    static let alertTypes = ["sync.baseline", "release.progress", "cable.changed", "cable.removed", "source.*"]

    static func yaml(
        sourceURL: String, archivePath: String, eventLogPath: String, webhookURL: String, secretPath: String
    ) -> String {
        let events = alertTypes.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            # Written by `cablewatch demo`: a simulated source on 127.0.0.1 and a local webhook receiver.
            source:
              url: \(sourceURL)
            poll:
              interval: 1s
              jitter: 0
              revalidate: 0s
            http:
              perHostDelay: 0s
              concurrency: 4
            storage:
              path: \(archivePath)
            events:
              log: \(eventLogPath)
            webhooks:
              - name: demo
                url: \(webhookURL)
                secretFile: \(secretPath)
                events: [\(events)]

            """
    }
}
