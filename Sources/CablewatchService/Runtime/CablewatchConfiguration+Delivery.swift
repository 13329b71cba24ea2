import CablewatchCore
import CablewatchNotify
import CablewatchStore
import Logging

extension CablewatchConfiguration {
    /// The deliverer for every configured webhook (nil when there are none), with production schedule and timeouts.
    public func webhookDeliverer(store: ArchiveStore, transport: any HTTPTransport, logger: Logger)
        throws(NotifyError) -> WebhookDeliverer?
    {
        guard !webhooks.isEmpty else { return nil }
        var endpoints: [WebhookEndpoint] = []
        for webhook in webhooks {
            endpoints.append(try webhook.endpoint())
        }
        return WebhookDeliverer(
            store: store, endpoints: endpoints, transport: transport, source: sourceBaseURL, logger: logger)
    }
}
