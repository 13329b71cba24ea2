/// Whether a webhook gets one request per event or one per release.
public enum WebhookBatchMode: String, Sendable, Equatable, CaseIterable {
    /// One request per event.
    case none
    /// The events of one release (one poll cycle) are delivered together.
    case release
}
