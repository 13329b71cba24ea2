/// The three forms of the sidebar's release-day block the real site used (DESIGN.md §2.1).
public enum SidebarForm: String, Sendable, Hashable, CaseIterable, Codable {
    /// The first days (to 2010-11-30): one `div.sort` with id `ryear_MM`, the day links newest first.
    case a
    /// December 2010 – January 2011: one `div.sort` without an id, the day links newest first.
    case b
    /// From February 2011: a `div.pick` of month pickers, then one `div.sort` with id `rdate_YYYYMM` per month, the
    /// day links oldest first.
    case c
}
