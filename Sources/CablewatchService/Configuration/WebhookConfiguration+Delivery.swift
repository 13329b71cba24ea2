import CablewatchNotify

extension CablewatchConfiguration.WebhookConfiguration {
    /// The filter deciding which events this webhook receives.
    public var deliveryFilter: WebhookFilter {
        WebhookFilter(
            eventTypes: events, origins: filter.origins, classifications: filter.classifications, tags: filter.tags)
    }

    /// The signer for this webhook's requests (all its secrets); fails only for a hand-built webhook without secrets.
    public func signer() throws(NotifyError) -> WebhookSigner {
        try WebhookSigner(secrets: secrets)
    }

    /// The body formatter for this webhook.
    public var payloadFormatter: WebhookPayloadFormatter {
        WebhookPayloadFormatter(format: format)
    }
}

extension CablewatchConfiguration.WebhookConfiguration {
    /// This webhook as the deliverer sees it.
    public func endpoint() throws(NotifyError) -> WebhookEndpoint {
        WebhookEndpoint(
            name: name, url: url.absoluteString, signer: try signer(), filter: deliveryFilter,
            formatter: payloadFormatter, batch: batch)
    }
}
