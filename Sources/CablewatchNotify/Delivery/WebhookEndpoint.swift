import CablewatchCore

/// One configured webhook receiver, ready to deliver to: where, how to sign, which events, in what shape.
public struct WebhookEndpoint: Sendable {
    /// Unique name, the key of its delivery records.
    public var name: String
    /// Absolute http(s) URL.
    public var url: String
    public var signer: WebhookSigner
    public var filter: WebhookFilter
    public var formatter: WebhookPayloadFormatter
    public var batch: WebhookBatchMode

    public init(
        name: String, url: String, signer: WebhookSigner, filter: WebhookFilter = WebhookFilter(),
        formatter: WebhookPayloadFormatter = WebhookPayloadFormatter(format: .standard),
        batch: WebhookBatchMode = .none
    ) {
        self.name = name
        self.url = url
        self.signer = signer
        self.filter = filter
        self.formatter = formatter
        self.batch = batch
    }

    /// Whether an event is routed to this endpoint: the filter accepts it, and it is not an operational event about
    /// this endpoint itself (a dead receiver must not be sent news of its own failures, which would never end).
    public func routes(type: String, data: JSONValue) -> Bool {
        if type == EventType.webhookDisabled.rawValue || type == EventType.deliveryFailed.rawValue,
            data["endpoint"]?.stringValue == name
        {
            return false
        }
        return filter.accepts(type: type, data: data)
    }
}
