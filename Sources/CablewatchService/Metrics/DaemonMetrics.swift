import CablewatchCore
import CablewatchStore
import Foundation

/// Renders the daemon's `/metrics` page from the shared state and an archive snapshot.
public enum DaemonMetrics {
    /// The Prometheus text for `values` and `snapshot` at `now`.
    public static func render(values: DaemonState.Values, snapshot: DaemonSnapshot?, now: Date) -> String {
        var writer = PrometheusTextWriter()
        writer.family(
            "cablewatch_leader", .gauge,
            help: "1 while this daemon leads (polls, writes, delivers), 0 while it is a standby; always 1 on SQLite.",
            value: values.role == .leader ? 1 : 0)
        writer.family(
            "cablewatch_source_released_cables", .gauge, help: "Cables the source says it has released.",
            snapshot?.released.map { [.init(Double($0))] } ?? [])
        writer.family(
            "cablewatch_source_total_cables", .gauge, help: "Cables the source says it holds in all.",
            snapshot?.total.map { [.init(Double($0))] } ?? [])
        writer.family(
            "cablewatch_archived_cables", .gauge, help: "Cables in the archive that are not removed.",
            snapshot.map { [.init(Double($0.archived))] } ?? [])
        writer.family(
            "cablewatch_last_successful_poll_timestamp_seconds", .gauge,
            help: "Unix time of the last successful poll since the daemon started.",
            values.lastSuccessAt.map { [.init($0.timeIntervalSince1970)] } ?? [])
        writer.family(
            "cablewatch_last_poll_duration_seconds", .gauge, help: "How long the last poll took.",
            values.lastPollDuration.map { [.init($0.timeInterval)] } ?? [])
        writer.family(
            "cablewatch_source_consecutive_failures", .gauge, help: "Failed polls since the last success.",
            value: Double(values.consecutiveFailures))
        writer.family(
            "cablewatch_polls_total", .counter, help: "Polls since the daemon started, by outcome.",
            ["ok", "unchanged", "failed"].map {
                .init(Double(values.pollsByOutcome[$0] ?? 0), labels: [("outcome", $0)])
            })
        var requests = values.fetchStatistics.responsesByStatus.sorted { $0.key < $1.key }.map {
            PrometheusTextWriter.Sample(Double($0.value), labels: [("status", String($0.key))])
        }
        requests.append(.init(Double(values.fetchStatistics.failures), labels: [("status", "error")]))
        writer.family(
            "cablewatch_http_requests_total", .counter,
            help: "HTTP transfers to the source by response status (error: no response).", requests)
        writer.family(
            "cablewatch_events_total", .counter, help: "Events committed to the archive's outbox, by type.",
            (snapshot?.eventsByType ?? [:]).sorted { $0.key < $1.key }.map {
                .init(Double($0.value), labels: [("type", $0.key)])
            })
        writer.family(
            "cablewatch_pending_deliveries", .gauge, help: "Webhook deliveries not yet delivered or given up.",
            snapshot.map { [.init(Double($0.pendingDeliveries))] } ?? [])
        let oldest = snapshot?.oldestPendingCreatedAt.flatMap(Timestamp.date(from:))
        writer.family(
            "cablewatch_oldest_pending_delivery_age_seconds", .gauge,
            help: "Age of the oldest event with a pending delivery (0 when none).",
            value: oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0)
        return writer.text
    }
}
