/// Rendering variants used by fault injection.
public enum PageVariant: Sendable, Hashable {
    case normal
    /// The cable page's text block is cut off without its closing tags.
    case cutPre
    /// Listing rows link cables on another host.
    case crossOriginLinks
    /// A listing page as the previous build rendered it (older counter and rows), like a file a rebuild left behind.
    case staleListing
}
