/// Rendering variants used by fault injection.
public enum PageVariant: Sendable, Hashable {
    case normal
    /// The cable page's text block is cut off without its closing tags.
    case cutPre
    /// Listing rows link cables on another host.
    case crossOriginLinks
}
