import CablewatchFetch
import CablewatchStore
import Logging
import ServiceLifecycle

/// Webhook delivery as a `Service`: runs the `WebhookDeliverer`'s loop (durable outbox, per-endpoint order, retry
/// schedule) until graceful shutdown, so events committed by the poll loop reach every matching webhook while the
/// daemon runs. The endpoints are taken from the configuration at start; webhook changes need a restart.
public struct DeliveryService: Service {
    let deliverer: WebhookDeliverer
    let transport: CurlTransport
    let logger: Logger

    /// Builds the service, or nil when no webhook is configured.
    public static func make(store: ArchiveStore, state: DaemonState, logger: Logger) throws -> DeliveryService? {
        let configuration = state.configuration
        guard !configuration.webhooks.isEmpty else { return nil }
        let transport = try CurlTransport(userAgent: configuration.http.userAgent)
        guard let deliverer = try configuration.webhookDeliverer(store: store, transport: transport, logger: logger)
        else {
            transport.shutdown()
            return nil
        }
        return DeliveryService(deliverer: deliverer, transport: transport, logger: logger)
    }

    public func run() async throws {
        logger.info("webhook delivery started")
        await cancelWhenGracefulShutdown {
            await deliverer.run(idleInterval: .seconds(1))
        }
        await transport.stop()
        logger.info("webhook delivery stopped")
    }
}
