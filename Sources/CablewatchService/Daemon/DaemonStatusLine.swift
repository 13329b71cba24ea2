import CablewatchCore
import CablewatchStore
import Foundation

/// The one-line systemd `STATUS=` text, e.g.
/// `64621/251287 released · 64621 archived · last poll 12:00:03 ok · 0 pending · leader` (time in UTC).
public enum DaemonStatusLine {
    /// Formats the line; a failure adds its reason, cut to keep the line short.
    public static func format(
        snapshot: DaemonSnapshot?, pollAt: Date, outcome: String, error: String?, role: DaemonRole = .leader
    ) -> String {
        let time = String(Timestamp.string(from: pollAt).dropFirst(11).prefix(8))
        var counter = "counter unknown"
        if let released = snapshot?.released, let total = snapshot?.total {
            counter = "\(released)/\(total) released"
        }
        let archived = snapshot.map { "\($0.archived) archived" } ?? "archive unreadable"
        var poll = "last poll \(time) \(outcome)"
        if let error {
            let flat = error.replacingOccurrences(of: "\n", with: " ")
            poll += " (\(flat.count > 80 ? String(flat.prefix(79)) + "…" : flat))"
        }
        let pending = "\(snapshot?.pendingDeliveries ?? 0) pending"
        return [counter, archived, poll, pending, role.rawValue].joined(separator: " · ")
    }
}
