/// A committed event as the outbox holds it: its position, id, type and exact JSON line.
public struct CommittedEvent: Sendable, Hashable {
    public var seq: Int64
    public var id: String
    public var type: String
    public var json: String

    public init(seq: Int64, id: String, type: String, json: String) {
        self.seq = seq
        self.id = id
        self.type = type
        self.json = json
    }
}
