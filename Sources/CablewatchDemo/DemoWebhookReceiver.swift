import CablewatchCore
import CablewatchNotify
import CablewatchService
import Foundation
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// The demo's local webhook receiver as a `Service`: a small HTTP server on 127.0.0.1 that checks every request's
/// Standard Webhooks signature with `WebhookVerifier` and answers 204 when it verifies (reporting the alert) or 401
/// when it does not. It is what a real receiver does, so the demo proves delivery end to end.
struct DemoWebhookReceiver: Service {
    let listener: LoopbackHTTPListener
    let verifier: WebhookVerifier
    let report: @Sendable (DemoUpdate) -> Void

    /// Binds an ephemeral port on 127.0.0.1 now, so the configuration can name it.
    init(verifier: WebhookVerifier, report: @escaping @Sendable (DemoUpdate) -> Void) throws(DaemonError) {
        listener = try LoopbackHTTPListener(
            address: MetricsListenAddress(host: "127.0.0.1", port: 0), purpose: "the demo's webhook receiver")
        self.verifier = verifier
        self.report = report
    }

    /// `http://127.0.0.1:PORT/alerts`.
    var url: String { "http://127.0.0.1:\(listener.port)/alerts" }

    func run() async throws {
        // Deliveries come one after another: right after a request, look again almost at once; when idle, rarely.
        var lastRequest = ContinuousClock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            guard let client = listener.acceptConnection() else {
                let busy = ContinuousClock.now - lastRequest < .milliseconds(200)
                try? await Task.sleep(for: busy ? .milliseconds(1) : .milliseconds(20))
                continue
            }
            handle(client)
            lastRequest = .now
        }
    }

    private func handle(_ client: Int32) {
        guard let request = LoopbackHTTPListener.readRequestWithBody(client), request.method == "POST" else {
            LoopbackHTTPListener.respond(
                client, status: 400, reason: "Bad Request", contentType: "text/plain", body: "")
            report(.alertRejected(reason: "a malformed or non-POST request"))
            return
        }
        do {
            try verifier.verify(
                id: request.headers["webhook-id"], timestamp: request.headers["webhook-timestamp"],
                signature: request.headers["webhook-signature"], body: request.body)
        } catch {
            LoopbackHTTPListener.respond(
                client, status: 401, reason: "Unauthorized", contentType: "text/plain", body: "\(error)\n")
            report(.alertRejected(reason: "\(error)"))
            return
        }
        LoopbackHTTPListener.respond(client, status: 204, reason: "No Content", contentType: "text/plain", body: "")
        let event = try? JSONDecoder().decode(ReceivedEvent.self, from: Data(request.body))
        let type = event?.type ?? "?"
        report(
            .alertVerified(
                DemoAlert(
                    webhookID: request.headers["webhook-id"] ?? "", type: type, seq: event?.seq,
                    summary: EventSummary.line(type: type, data: event?.data ?? .null))))
    }

    /// The parts of a standard-format webhook body the demo shows.
    private struct ReceivedEvent: Decodable {
        var type: String
        var seq: Int64?
        var data: JSONValue?
    }
}
