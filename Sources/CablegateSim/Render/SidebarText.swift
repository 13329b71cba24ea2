/// The simulator's own fixed parts of the sidebar, in the real site's structure: support banner, Articles,
/// community links, motto.
enum SidebarText {
    static let supportBanner =
        "<a href='/support.html'>\n<img alt='Support the simulated archive' src='/static/gfx/support.png' />\n</a>\n"

    static let articles =
        "<h3>Articles</h3>\n<div class='sort'>\n"
        + "<a href=\"/articles/sim-press-review.html\">Press review</a>\n"
        + "<a href=\"/articles/sim-regional-notes.html\">Regional notes</a>\n"
        + "<a href=\"/articles/sim-release-log.html\">Release log</a>\n"
        + "</div>\n"

    static let community =
        "<h3>Community resources</h3>\n<div class='sort'>\n"
        + "<a href='http://social.example.org/cablegate-sim'>Follow the simulation</a>\n"
        + "<a href='http://forum.example.org/cablegate-sim'>Discuss simulated cables</a>\n"
        + "<a href='http://share.example.org/?url=cablegate-sim'>Share this page</a>\n"
        + "</div>\n"

    static let motto = "<p>\n<i>\nsimulated, for testing trackers\n</i>\n</p>\n"
}
