import CablewatchCore
import CablewatchFetch
import CablewatchNotify
import CablewatchStore
import Logging

/// How the configuration maps onto webhook delivery (`CablewatchNotify/Delivery`), for `poll`, `run` and
/// `webhook test` alike.
extension CablewatchConfiguration {
    /// The HTTP client for webhook POSTs: libcurl with the configured user agent and proxy (`http.proxy` applies to
    /// every request).
    public func webhookTransport() throws(FetchError) -> CurlTransport {
        try CurlTransport(userAgent: http.userAgent, proxy: http.proxy?.absoluteString)
    }

    /// The deliverer for every configured webhook (nil when there are none), with production schedule and timeouts.
    public func webhookDeliverer(store: any ArchiveStoring, transport: any HTTPTransport, logger: Logger)
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

    /// The daemon's webhook delivery service, or nil when no webhook is configured.
    func deliveryService(store: any ArchiveStoring, logger: Logger) throws -> DeliveryService? {
        guard !webhooks.isEmpty else { return nil }
        let transport = try webhookTransport()
        guard let deliverer = try webhookDeliverer(store: store, transport: transport, logger: logger) else {
            transport.shutdown()
            return nil
        }
        return DeliveryService(deliverer: deliverer, logger: logger, stopTransport: { await transport.stop() })
    }
}
