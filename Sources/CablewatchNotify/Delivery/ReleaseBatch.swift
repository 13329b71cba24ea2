import CablewatchCore
import Crypto
import Foundation

/// The `batch: release` rule: instead of one request per `cable.added` / `cable.changed`, an endpoint gets one
/// `release.summary` event for the run of such events that a poll produced.
///
/// Exact rule: starting at the head of the endpoint's queue, the batch is the longest run of consecutive pending
/// deliveries (in `seq` order) whose type is `cable.added` or `cable.changed` and that were enqueued in the same
/// enqueue pass (the pass after a poll takes that poll's events), capped at `maximumEvents`. A run of at least
/// `minimumEvents` is sent as one summary; a shorter run, and every other event type, is sent as it is.
public enum ReleaseBatch {
    /// The event types that are batched.
    public static let batchedTypes: Set<String> = [EventType.cableAdded.rawValue, EventType.cableChanged.rawValue]
    /// The smallest run sent as a summary.
    public static let minimumEvents = 2
    /// The largest number of events in one summary (a bigger release gives several summaries).
    public static let maximumEvents = 500
    /// The summary's event type.
    public static let summaryType = "release.summary"

    /// How many leading entries form a batch (0 when the head is not batched), given each due delivery's type and
    /// enqueue pass in queue order.
    public static func leadingRun(types: [String], passes: [Int64]) -> Int {
        guard let firstPass = passes.first else { return 0 }
        var count = 0
        for (type, pass) in zip(types, passes) {
            guard batchedTypes.contains(type), pass == firstPass, count < maximumEvents else { break }
            count += 1
        }
        return count >= minimumEvents ? count : 0
    }

    /// The summary event for member events given as their stored JSON, in `seq` order: its stable id (the same on
    /// every retry, derived from the members' ids) and its JSON, shaped like any event
    /// (`{"data","id","seq","source","timestamp","type"}`, `seq` being the last member's).
    ///
    /// `data` holds `count`, `added`, `changed`, `firstSeq`, `lastSeq`, `referenceIds` and the member `events`.
    public static func summary(members: [JSONValue]) -> EventEnvelope {
        let ids = members.compactMap { $0["id"]?.stringValue }
        let types = members.compactMap { $0["type"]?.stringValue }
        let seqs = members.compactMap { $0["seq"]?.integerValue }
        let last = members.last
        var hasher = SHA256()
        hasher.update(data: Array(ids.joined(separator: ",").utf8))
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        let data: JSONValue = .object([
            "count": .integer(members.count),
            "added": .integer(types.filter { $0 == EventType.cableAdded.rawValue }.count),
            "changed": .integer(types.filter { $0 == EventType.cableChanged.rawValue }.count),
            "firstSeq": .integer(seqs.first ?? 0),
            "lastSeq": .integer(seqs.last ?? 0),
            "referenceIds": .array(members.compactMap { $0["data"]?["referenceId"] }),
            "events": .array(members),
        ])
        return EventEnvelope(
            seq: Int64(seqs.last ?? 0), id: "evt_rel_" + String(digest.prefix(22)), type: summaryType,
            timestamp: last?["timestamp"]?.stringValue ?? "", source: last?["source"]?.stringValue ?? "",
            dataJSON: data.canonicalJSON)
    }
}
