import CablewatchCore
import Foundation

/// Builds a webhook's request body from an event in the configured `WebhookPayloadFormat`.
///
/// `standard` sends the event JSON bytes unchanged (so the signature covers exactly what was logged);
/// `slack` sends `{"text": "<summary>"}` and `discord` `{"allowed_mentions": {"parse": []}, "content": "<summary>"}`,
/// with the one-line `EventSummary` (Slack's `&`, `<`, `>` escaped; Discord limited to 2000 characters and
/// never pinging anyone).
public struct WebhookPayloadFormatter: Sendable, Equatable {
    /// Discord rejects longer messages.
    public static let discordContentLimit = 2000

    /// The body format.
    public var format: WebhookPayloadFormat

    /// A formatter for `format`.
    public init(format: WebhookPayloadFormat) {
        self.format = format
    }

    /// The request body for one event.
    ///
    /// - Parameters:
    ///   - type: the event's `type`.
    ///   - data: the event's `data` object.
    ///   - eventJSON: the whole event as stored and logged (`{"id", "seq", "type", "timestamp", "source", "data"}`).
    public func body(type: String, data: JSONValue, eventJSON: [UInt8]) -> [UInt8] {
        let summary = EventSummary.line(type: type, data: data)
        switch format {
        case .standard:
            return eventJSON
        case .slack:
            return JSONValue.object(["text": .string(Self.slackEscaped("[cablewatch] " + summary))]).canonicalJSONBytes
        case .discord:
            var content = "[cablewatch] " + summary
            if content.count > Self.discordContentLimit {
                content = String(content.prefix(Self.discordContentLimit - 1)) + "…"
            }
            let body: JSONValue = ["allowed_mentions": ["parse": []], "content": .string(content)]
            return body.canonicalJSONBytes
        }
    }

    /// Slack's mrkdwn control characters as entities.
    private static func slackEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
