/// How a URL that may carry a credential is shown: in logs, errors, command output, metrics and the archive.
///
/// Chat webhooks (Slack, Discord) carry their token in the path, other receivers in the query, proxies in the
/// user-info, so only the scheme and `host[:port]` are kept, as `https://hooks.example.org/…`.
public enum URLRedaction {
    /// `scheme://host[:port]` of `url`; a path other than `/`, a query or a fragment become `/…`, and user-info
    /// becomes `…@`. Text that is not an absolute URL is shown as `…` alone.
    public static func redacted(_ url: String) -> String {
        let text = url.trimmingASCIIWhitespace
        guard let separator = text.range(of: "://"), !text[..<separator.lowerBound].isEmpty,
            text[..<separator.lowerBound].allSatisfy({
                $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0))
            })
        else { return "…" }
        let afterScheme = text[separator.upperBound...]
        let authorityEnd = afterScheme.firstIndex { "/?#".contains($0) } ?? afterScheme.endIndex
        var authority = afterScheme[..<authorityEnd]
        var shown = text[..<separator.upperBound].lowercased()
        if let at = authority.lastIndex(of: "@") {
            shown += "…@"
            authority = authority[authority.index(after: at)...]
        }
        shown += authority
        let rest = afterScheme[authorityEnd...]
        if !rest.isEmpty && rest != "/" { shown += "/…" }
        return shown
    }
}

extension String {
    /// The text without leading and trailing ASCII whitespace, as a URL in a configuration file may have.
    fileprivate var trimmingASCIIWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[first...last]
    }
}
