import CablewatchCore
import CablewatchService

/// Something the demo wants its user to see, in the order it happened; the CLI turns each into output.
public enum DemoUpdate: Sendable {
    /// Everything is in place and the daemon is starting.
    case started(DemoSetup)
    /// The baseline poll archived more cables.
    case baselineProgress(SyncProgress)
    /// A poll finished (the first one is the baseline).
    case pollFinished(DemoPollResult)
    /// The simulated source published a new build.
    case buildPublished(DemoBuild)
    /// The local receiver got a webhook request whose Standard Webhooks signature verified.
    case alertVerified(DemoAlert)
    /// The local receiver got a request it rejected (bad signature, malformed).
    case alertRejected(reason: String)
    /// The last build is published: stopping once it is archived (with `exitAfterLastBuild`) or on a signal.
    case lastBuildPublished
}

/// Where the demo's pieces live.
public struct DemoSetup: Sendable {
    /// The throwaway folder holding the archive, the configuration, the event log and the webhook secret.
    public var directory: String
    /// The generated configuration, reusable with `cablewatch COMMAND --config PATH`.
    public var configPath: String
    public var archivePath: String
    public var eventLogPath: String
    /// The simulated source.
    public var sourceURL: String
    /// The local webhook receiver.
    public var webhookURL: String
    public var cables: Int
    /// The build the source starts at (the baseline) and the last one it publishes.
    public var firstBuild: Int
    public var lastBuild: Int
    public var interval: Duration
}

/// One finished poll.
public struct DemoPollResult: Sendable {
    /// Whether this was the first (baseline) poll.
    public var isBaseline: Bool
    /// How long the poll took.
    public var seconds: Double
    /// The cycle's report, or why it failed.
    public var outcome: Result<SyncReport, SyncError>
}

/// A build the simulated source published.
public struct DemoBuild: Sendable {
    public var build: Int
    public var lastBuild: Int
    public var releaseDay: String
    public var released: Int
    public var total: Int
    public var added: Int
    public var changed: Int
    public var removed: Int
}

/// A verified webhook request.
public struct DemoAlert: Sendable {
    /// `webhook-id` (the event id).
    public var webhookID: String
    public var type: String
    public var seq: Int64?
    /// The one-line summary of the event (`EventSummary`).
    public var summary: String
}
