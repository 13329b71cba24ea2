import CablewatchNotify

extension CablewatchConfiguration {
    /// Every effective value as `key: value` lines; secrets appear only as `whsec_…(redacted)`.
    public var redactedDescription: String {
        effectiveValues.joined(separator: "\n")
    }

    /// The report for `cablewatch config check`.
    ///
    /// - Parameter permissionBits: POSIX permission bits of a path (default: `stat`), `nil` when unknown.
    public func checkReport(
        permissionBits: (String) -> UInt32? = { ConfigurationFileSystem.permissionBits(atPath: $0) }
    ) -> ConfigurationCheckReport {
        var warnings: [String] = []
        for (index, webhook) in webhooks.enumerated() {
            let keyPath = "webhooks[\(index)]"
            if let file = webhook.secretFile, let bits = permissionBits(file), bits & 0o077 != 0 {
                let mode = "0" + String(bits & 0o777, radix: 8)
                warnings.append(
                    "\(keyPath).secretFile: \(file) is accessible by group or others (mode \(mode));"
                        + " restrict it with chmod 600 \(file)")
            }
            if webhook.url.scheme?.lowercased() == "http" {
                warnings.append(
                    "\(keyPath).url: \(webhook.url.absoluteString) is plain http; payloads travel unencrypted")
            }
        }
        return ConfigurationCheckReport(values: effectiveValues, warnings: warnings)
    }

    private var effectiveValues: [String] {
        func duration(_ value: Duration) -> String { ConfigurationDuration.format(value) }
        func quoted(_ value: String?) -> String { "\"\(value ?? "")\"" }
        var lines = [
            "source.url: \(source.url.absoluteString)",
            "source.home: \(source.home)",
            "poll.interval: \(duration(poll.interval))",
            "poll.jitter: \(poll.jitter)",
            "poll.revalidate: \(duration(poll.revalidate))",
            "poll.timeout: \(duration(poll.timeout))",
            "poll.failuresBeforeAlert: \(poll.failuresBeforeAlert)",
            "poll.staleAfter: \(duration(poll.staleAfter))",
            "http.userAgent: \(quoted(http.userAgent))",
            "http.connectTimeout: \(duration(http.connectTimeout))",
            "http.timeout: \(duration(http.timeout))",
            "http.concurrency: \(http.concurrency)",
            "http.perHostDelay: \(duration(http.perHostDelay))",
            "http.maxBodyBytes: \(http.maxBodyBytes)",
            "http.proxy: \(quoted(http.proxy?.absoluteString))",
            "storage.path: \(storage.path)",
            "events.log: \(quoted(events.log))",
            "events.baselinePerCable: \(events.baselinePerCable)",
            "metrics.listen: \(quoted(metrics.listen?.description))",
        ]
        if webhooks.isEmpty { lines.append("webhooks: []") }
        for (index, webhook) in webhooks.enumerated() {
            let prefix = "webhooks[\(index)]"
            lines.append("\(prefix).name: \(webhook.name)")
            lines.append("\(prefix).url: \(webhook.url.absoluteString)")
            if let file = webhook.secretFile {
                lines.append("\(prefix).secretFile: \(file)")
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
