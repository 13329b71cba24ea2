import CablewatchCore
import CablewatchNotify

extension CablewatchConfiguration {
    /// Every effective value as `key: value` lines; secrets appear only as `whsec_…(redacted)`, and URLs that can hold
    /// a credential (webhooks, the proxy) as `URLRedaction` shows them.
    public var redactedDescription: String {
        effectiveValues.joined(separator: "\n")
    }

    /// The report for `cablewatch config check`. A secret file open to others is not a warning but an error, raised
    /// while loading.
    public func checkReport() -> ConfigurationCheckReport {
        var warnings: [String] = []
        for (index, webhook) in webhooks.enumerated() where webhook.url.scheme?.lowercased() == "http" {
            warnings.append(
                "webhooks[\(index)].url: \(webhook.shownURL) is plain http; payloads travel unencrypted")
        }
        return ConfigurationCheckReport(values: effectiveValues, warnings: warnings)
    }

    private var effectiveValues: [String] {
        func duration(_ value: Duration) -> String { ConfigurationDuration.format(value) }
        func quoted(_ value: String?) -> String { "\"\(value ?? "")\"" }
        // Where the PostgreSQL password comes from, never the password.
        var passwordFile: String?
        var passwordCredential: String?
        switch storage.password {
        case .file(let path): passwordFile = path
        case .credential(let name): passwordCredential = name
        case nil: break
        }
        var lines = [
            "source.url: \(source.url.absoluteString)",
            "source.home: \(source.home)",
            "poll.interval: \(duration(poll.interval))",
            "poll.jitter: \(poll.jitter)",
            "poll.revalidate: \(duration(poll.revalidate))",
            "poll.timeout: \(duration(poll.timeout))",
            "poll.failuresBeforeAlert: \(poll.failuresBeforeAlert)",
            "poll.staleAfter: \(duration(poll.staleAfter))",
            "poll.massRemovalMinimum: \(poll.massRemovalMinimum)",
            "poll.massRemovalPercent: \(poll.massRemovalPercent)",
            "http.userAgent: \(quoted(http.userAgent))",
            "http.connectTimeout: \(duration(http.connectTimeout))",
            "http.timeout: \(duration(http.timeout))",
            "http.concurrency: \(http.concurrency)",
            "http.perHostDelay: \(duration(http.perHostDelay))",
            "http.maxBodyBytes: \(http.maxBodyBytes)",
            // A proxy's user-info is its password.
            "http.proxy: \(quoted(http.proxy.map { URLRedaction.redacted($0.absoluteString) }))",
            "storage.path: \(storage.postgres == nil ? storage.path : "(not used: storage.url)")",
            "storage.url: \(quoted(storage.postgres?.location))",
            "storage.passwordFile: \(quoted(passwordFile))",
            "storage.passwordCredential: \(quoted(passwordCredential))",
            "events.log: \(quoted(events.log))",
            "events.baselinePerCable: \(events.baselinePerCable)",
            "metrics.listen: \(quoted(metrics.listen?.description))",
            "cluster.nodeName: \(cluster.nodeName.map { quoted($0) } ?? "(hostname:pid)")",
        ]
        if webhooks.isEmpty { lines.append("webhooks: []") }
        for (index, webhook) in webhooks.enumerated() {
            let prefix = "webhooks[\(index)]"
            lines.append("\(prefix).name: \(webhook.name)")
            lines.append("\(prefix).url: \(webhook.shownURL)")
            switch webhook.secretOrigin {
            case .inline: break
            case .file(let path): lines.append("\(prefix).secretFile: \(path)")
            case .credential(let name, let path):
                lines.append("\(prefix).secretCredential: \(name)" + (path.map { " (\($0))" } ?? ""))
            }
            let redacted = webhook.secrets.map { _ in WebhookSecret.redacted }
            lines.append("\(prefix).secrets: [\(redacted.joined(separator: ", "))]")
            lines.append("\(prefix).events: [\(webhook.events.map { quoted($0.pattern) }.joined(separator: ", "))]")
            for (name, list) in [
                ("origins", webhook.filter.origins), ("classifications", webhook.filter.classifications),
                ("tags", webhook.filter.tags),
            ] {
                let shown = list.map { "[\($0.map { quoted($0) }.joined(separator: ", "))]" } ?? "(any)"
                lines.append("\(prefix).filter.\(name): \(shown)")
            }
            lines.append("\(prefix).format: \(webhook.format.rawValue)")
            lines.append("\(prefix).batch: \(webhook.batch.rawValue)")
        }
        return lines
    }
}
