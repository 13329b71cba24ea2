import Logging
import ServiceLifecycle

/// Webhook delivery as a `Service`: runs the `WebhookDeliverer`'s loop (durable outbox, per-endpoint order, retry
/// schedule) until graceful shutdown, so events committed by the poll loop reach every matching webhook while the
/// daemon runs. The endpoints are taken from the configuration at start; webhook changes need a restart.
public struct DeliveryService: Service {
    let deliverer: WebhookDeliverer
    let logger: Logger
    /// Releases the deliverer's HTTP transport once the loop has ended (the transport belongs to the caller's side).
    let stopTransport: @Sendable () async -> Void

    public init(
        deliverer: WebhookDeliverer, logger: Logger, stopTransport: @escaping @Sendable () async -> Void
    ) {
        self.deliverer = deliverer
        self.logger = logger
        self.stopTransport = stopTransport
    }

    public func run() async throws {
        logger.info("webhook delivery started")
        await cancelWhenGracefulShutdown {
            await deliverer.run(idleInterval: .seconds(1))
        }
        await stopTransport()
        logger.info("webhook delivery stopped")
    }
}
