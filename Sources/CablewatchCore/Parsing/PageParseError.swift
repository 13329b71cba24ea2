/// Why a page could not be used: what was missing or broken, and where.
public struct PageParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, for programmatic handling.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The page does not end with `</html>`: the transfer was cut short.
        case truncated
        /// No "Currently released so far... N / M" counter, or one that cannot be read.
        case missingCounter
        /// No "Browse latest releases" heading in the sidebar.
        case missingReleaseDays
        /// No listing table (`<table class='cable'>` with a Subject column).
        case missingListing
        /// A listing table whose header or rows are incomplete.
        case malformedListing
        /// A cable page without its metadata table.
        case missingCableTable
        /// A cable metadata table whose header or data row is incomplete.
        case malformedCableTable
        /// A cable page without its two `<code><pre>` blocks, or with a block not closed by `</pre></code>`.
        case missingTextBlocks
        /// A page with none of counter, listing or cable.
        case unrecognisedPage
        /// Text that must be read is not valid UTF-8.
        case invalidUTF8
    }

    /// What went wrong.
    public var kind: Kind
    /// One line naming precisely what was missing or broken.
    public var detail: String
    /// Byte offset in the page where the problem was found, when known.
    public var offset: Int?

    public init(_ kind: Kind, _ detail: String, offset: Int? = nil) {
        self.kind = kind
        self.detail = detail
        self.offset = offset
    }

    /// A human one-line description, e.g. `truncated: page does not end with </html> (at byte 4096)`.
    public var description: String {
        if let offset {
            return "\(kind.rawValue): \(detail) (at byte \(offset))"
        }
        return "\(kind.rawValue): \(detail)"
    }
}
