import CablewatchCore

/// One human-readable line describing an event (DESIGN.md §4), for chat webhooks and terminal output.
///
/// Missing data fields are left out rather than failing; newlines in values become spaces.
public enum EventSummary {
    /// The summary line for an event of `type` with payload `data`.
    public static func line(type: String, data: JSONValue) -> String {
        let text: String
        switch type {
        case "release.progress": text = releaseProgress(data)
        case "cable.added": text = cableAdded(data)
        case "cable.changed": text = cableChanged(data)
        case "cable.removed": text = "Cable \(field(data, "referenceId") ?? "?") removed"
        case "sync.baseline": text = baseline(data)
        case "source.anomaly":
            text = joined(
                "Source anomaly", field(data, "kind").map { "(\($0))" }, field(data, "details").map { ": \($0)" })
        case "source.unreachable":
            text = joined(
                "Source unreachable", field(data, "since").map { "since \($0)" }, field(data, "error").map { ": \($0)" }
            )
        case "source.recovered":
            text = joined("Source recovered", field(data, "since").map { "(unreachable since \($0))" }, nil)
        case "release.summary":
            text =
                "Release: \(field(data, "added") ?? "0") new cables, \(field(data, "changed") ?? "0") changed"
        case "webhook.disabled":
            text = joined(
                "Webhook \(field(data, "endpoint") ?? "?") disabled", nil, field(data, "reason").map { ": \($0)" })
        case "delivery.failed":
            text = joined(
                "Delivery of \(field(data, "eventId") ?? "?") to \(field(data, "endpoint") ?? "?") failed", nil,
                field(data, "lastError").map { ": \($0)" })
        default:
            text = "Event \(type)"
        }
        return String(text.map { $0.isNewline ? " " : $0 })
    }

    private static func releaseProgress(_ data: JSONValue) -> String {
        let released = field(data, "released") ?? "?"
        let total = field(data, "total") ?? "?"
        var text = "Released \(released) / \(total) cables"
        if let now = data["released"]?.integerValue, let before = data["previousReleased"]?.integerValue {
            let change = now - before
            text += change >= 0 ? " (+\(change))" : " (\(change))"
        }
        return text
    }

    private static func cableAdded(_ data: JSONValue) -> String {
        let details = [field(data, "classification"), field(data, "origin")].compactMap { $0 }
        return joined(
            "New cable \(field(data, "referenceId") ?? "?")",
            details.isEmpty ? nil : "(\(details.joined(separator: ", ")))",
            field(data, "subject").map { ": \($0)" })
    }

    private static func cableChanged(_ data: JSONValue) -> String {
        var details: [String] = []
        if let revision = field(data, "revision") { details.append("revision \(revision)") }
        if data["whitespaceOnly"]?.boolValue == true { details.append("whitespace only") }
        return joined(
            "Cable \(field(data, "referenceId") ?? "?") changed",
            details.isEmpty ? nil : "(\(details.joined(separator: ", ")))",
            field(data, "summary").map { ": \($0)" })
    }

    private static func baseline(_ data: JSONValue) -> String {
        var text = "Baseline sync: \(field(data, "cables") ?? "?") cables archived"
        if let released = field(data, "released"), let total = field(data, "total") {
            text += " (\(released) / \(total) released)"
        }
        return text
    }

    /// A scalar field as text; arrays are joined with spaces.
    private static func field(_ data: JSONValue, _ name: String) -> String? {
        switch data[name] {
        case .string(let value)?: return value.isEmpty ? nil : value
        case .integer(let value)?: return String(value)
        case .double(let value)?: return String(describing: value)
        case .bool(let value)?: return String(value)
        case .array(let values)?: return values.compactMap(\.stringValue).joined(separator: " ")
        default: return nil
        }
    }

    /// `head`, then ` middle` if present, then `tail` (which brings its own separator) if present.
    private static func joined(_ head: String, _ middle: String?, _ tail: String?) -> String {
        head + (middle.map { " \($0)" } ?? "") + (tail ?? "")
    }
}
