/// The event types cablewatch emits (DESIGN.md §4).
public enum EventType: String, Sendable, Codable, CaseIterable {
    case releaseProgress = "release.progress"
    case cableAdded = "cable.added"
    case cableChanged = "cable.changed"
    case cableRemoved = "cable.removed"
    case syncBaseline = "sync.baseline"
    case sourceAnomaly = "source.anomaly"
    case sourceUnreachable = "source.unreachable"
    case sourceRecovered = "source.recovered"
    case sourceStale = "source.stale"
    case webhookDisabled = "webhook.disabled"
    case deliveryFailed = "delivery.failed"
    case webhookTest = "webhook.test"
}
