import Foundation

/// An event decided by the sync but not yet committed: its type and its `data` object as canonical JSON.
/// The store gives it a `seq`, an `id`, a timestamp and its place in the hash chain when it commits.
public struct PendingEvent: Sendable, Hashable {
    public var type: EventType
    /// The `data` object, encoded with sorted keys.
    public var dataJSON: String

    public init(type: EventType, dataJSON: String) {
        self.type = type
        self.dataJSON = dataJSON
    }

    /// Encodes `data` with sorted keys so the same data always gives the same bytes.
    public init<Payload: Encodable>(_ type: EventType, _ data: Payload) {
        self.type = type
        self.dataJSON = CanonicalJSON.encode(data)
    }
}
