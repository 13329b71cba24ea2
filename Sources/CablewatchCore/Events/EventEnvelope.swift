import Crypto

/// A committed event exactly as it appears in the log, in webhook bodies and in the `event` table:
/// `{"data":…,"id":…,"seq":…,"source":…,"timestamp":…,"type":…}` with sorted keys.
public struct EventEnvelope: Sendable, Hashable {
    public var seq: Int64
    public var id: String
    public var type: String
    public var timestamp: String
    public var source: String
    public var dataJSON: String

    public init(seq: Int64, id: String, type: String, timestamp: String, source: String, dataJSON: String) {
        self.seq = seq
        self.id = id
        self.type = type
        self.timestamp = timestamp
        self.source = source
        self.dataJSON = dataJSON
    }

    /// The event as one line of JSON (no trailing newline).
    public var json: String {
        "{\"data\":\(dataJSON),\"id\":\(CanonicalJSON.quote(id)),\"seq\":\(seq),\"source\":\(CanonicalJSON.quote(source))"
            + ",\"timestamp\":\(CanonicalJSON.quote(timestamp)),\"type\":\(CanonicalJSON.quote(type))}"
    }
}

/// The SHA-256 chain over committed events: each event's hash covers the previous hash and the event's JSON, so
/// editing, dropping or reordering any event breaks every hash after it.
public enum EventChain {
    /// The `previousHash` of the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash of an event given the previous event's hash and this event's JSON line.
    public static func hash(previous: String, eventJSON: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(previous.utf8))
        hasher.update(data: [0x0A])
        hasher.update(data: Array(eventJSON.utf8))
        return hexString(hasher.finalize())
    }

    /// A stable, unique event id derived from the chain position: `evt_` + 26 hex digits.
    public static func eventID(previousHash: String, seq: Int64, type: String, dataJSON: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("\(previousHash)|\(seq)|\(type)|".utf8))
        hasher.update(data: Array(dataJSON.utf8))
        return "evt_" + String(hexString(hasher.finalize()).prefix(26))
    }

    static func hexString<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
