import CablewatchStore
import Foundation
import Logging
import ServiceLifecycle

/// The optional loopback metrics endpoint as a `Service` (`metrics.listen`): `/healthz` (the scheduler advances),
/// `/readyz` (a poll has succeeded and the source is not failing), `/metrics` (Prometheus text).
public struct MetricsService: Service {
    let listener: LoopbackHTTPListener
    let store: any ArchiveStoring
    let state: DaemonState
    let logger: Logger

    /// Binds the address now, so a taken port fails start-up.
    public init(address: MetricsListenAddress, store: any ArchiveStoring, state: DaemonState, logger: Logger)
        throws(DaemonError)
    {
        listener = try LoopbackHTTPListener(address: address, purpose: "metrics.listen")
        self.store = store
        self.state = state
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            guard let client = listener.acceptConnection() else {
                try? await Task.sleep(for: .milliseconds(50))
                continue
            }
            await handle(client)
        }
    }

    private func handle(_ client: Int32) async {
        guard let request = LoopbackHTTPListener.readRequest(client) else {
            LoopbackHTTPListener.respond(
                client, status: 400, reason: "Bad Request", contentType: "text/plain", body: "")
            return
        }
        guard request.method == "GET" || request.method == "HEAD" else {
            LoopbackHTTPListener.respond(
                client, status: 405, reason: "Method Not Allowed", contentType: "text/plain", body: "GET only\n")
            return
        }
        switch request.path {
        case "/healthz":
            let alive = state.schedulerIsAdvancing()
            LoopbackHTTPListener.respond(
                client, status: alive ? 200 : 503, reason: alive ? "OK" : "Service Unavailable",
                contentType: "text/plain", body: alive ? "ok\n" : "scheduler stalled\n")
        case "/readyz":
            let values = state.snapshot
            let ready =
                values.lastSuccessAt != nil
                && values.consecutiveFailures < values.configuration.poll.failuresBeforeAlert
            LoopbackHTTPListener.respond(
                client, status: ready ? 200 : 503, reason: ready ? "OK" : "Service Unavailable",
                contentType: "text/plain", body: ready ? "ready\n" : "not ready\n")
        case "/metrics":
            let snapshot = try? await store.daemonSnapshot()
            let text = DaemonMetrics.render(values: state.snapshot, snapshot: snapshot, now: Date())
            LoopbackHTTPListener.respond(
                client, status: 200, reason: "OK", contentType: "text/plain; version=0.0.4; charset=utf-8",
                body: text)
        default:
            LoopbackHTTPListener.respond(client, status: 404, reason: "Not Found", contentType: "text/plain", body: "")
        }
    }
}
