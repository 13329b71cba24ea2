/// The last event of the chain as the archive recorded it (`syncState['eventChain.head']`, "SEQ HASH"), written in
/// the transaction of every event commit: the chain alone cannot tell that events were deleted from its end,
/// because what remains still links up.
public struct EventChainHead: Sendable, Equatable {
    package static let syncStateKey = "eventChain.head"

    public var seq: Int64
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// Reads the stored form; nil when it is not "SEQ HASH".
    package init?(stored: String) {
        let parts = stored.split(separator: " ")
        guard parts.count == 2, let seq = Int64(parts[0]), parts[1].count == 64 else { return nil }
        self.init(seq: seq, hash: String(parts[1]))
    }

    /// The stored form, "SEQ HASH".
    package var stored: String { "\(seq) \(hash)" }
}
