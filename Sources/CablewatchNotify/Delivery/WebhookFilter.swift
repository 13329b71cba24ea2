import CablewatchCore

/// Decides whether an event goes to a webhook: its type must match one of the globs, and its data must pass
/// each configured list.
///
/// Data lists are checked only against fields the event has: an event without `origin` (such as
/// `release.progress`) passes an origin filter. Values compare case-insensitively; `tags` passes when any
/// of the event's tags is listed.
public struct WebhookFilter: Sendable, Equatable {
    /// Event types to deliver.
    public var eventTypes: [EventTypeGlob]
    /// Allowed values of `data.origin`, `nil` for any.
    public var origins: [String]?
    /// Allowed values of `data.classification`, `nil` for any.
    public var classifications: [String]?
    /// Tags of which `data.tags` must contain one, `nil` for any.
    public var tags: [String]?

    /// Creates a filter; by default it accepts every event.
    public init(
        eventTypes: [EventTypeGlob] = [.all], origins: [String]? = nil, classifications: [String]? = nil,
        tags: [String]? = nil
    ) {
        self.eventTypes = eventTypes
        self.origins = origins
        self.classifications = classifications
        self.tags = tags
    }

    /// Whether an event of `type` with payload `data` is delivered.
    public func accepts(type: String, data: JSONValue) -> Bool {
        guard eventTypes.contains(where: { $0.matches(type) }) else { return false }
        return Self.passes(origins, data["origin"], splitting: false)
            && Self.passes(classifications, data["classification"], splitting: false)
            && Self.passes(tags, data["tags"], splitting: true)
    }

    /// Whether a field passes a list: no list, no field (or `null`), or one of the field's values is listed.
    private static func passes(_ allowed: [String]?, _ field: JSONValue?, splitting: Bool) -> Bool {
        guard let allowed, let field, field != .null else { return true }
        return contains(allowed, anyOf: texts(field, splitting: splitting))
    }

    /// A field as a list of texts: an array of strings, or one string (split at spaces and commas when
    /// `splitting`, for tags written as one line).
    private static func texts(_ value: JSONValue, splitting: Bool) -> [String] {
        switch value {
        case .string(let text):
            guard splitting else { return [text] }
            return text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        case .array(let elements):
            return elements.compactMap(\.stringValue)
        default:
            return []
        }
    }

    private static func contains(_ allowed: [String], anyOf values: [String]) -> Bool {
        let allowedKeys = Set(allowed.map { $0.lowercased() })
        return values.contains { allowedKeys.contains($0.lowercased()) }
    }
}
