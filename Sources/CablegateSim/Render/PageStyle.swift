/// The markup variant of one build: its sidebar form and the parts of the page its era had (DESIGN.md §2.1).
///
/// The form follows the build's release day (A to 2010-11-30, B to 2011-01-31, C after) unless the configuration
/// forces one, and it brings its era's frame: form A renders the first days' page (no support banner, no motto,
/// `js.js`, home at `/index.html`), B and C the later one (`cables.js`, home at `/cablegate.html`). The Articles
/// section and the home page's translations box follow the release day alone: present before 2011-03-01.
struct PageStyle: Sendable, Hashable {
    let sidebarForm: SidebarForm
    /// The sidebar's "Articles" section and the home page's translations box.
    let hasArticles: Bool

    static let lastFormADay = SimDate(year: 2010, month: 11, day: 30)
    static let lastFormBDay = SimDate(year: 2011, month: 1, day: 31)
    static let firstDayWithoutArticles = SimDate(year: 2011, month: 3, day: 1)

    init(sidebarForm: SidebarForm, hasArticles: Bool) {
        self.sidebarForm = sidebarForm
        self.hasArticles = hasArticles
    }

    /// The style of a build released on `releaseDay`; `forcedForm` overrides the date's form.
    init(releaseDay: SimDate, forcedForm: SidebarForm? = nil) {
        let datedForm: SidebarForm =
            releaseDay <= Self.lastFormADay ? .a : releaseDay <= Self.lastFormBDay ? .b : .c
        self.init(sidebarForm: forcedForm ?? datedForm, hasArticles: releaseDay < Self.firstDayWithoutArticles)
    }

    /// The first days' frame: no support banner above the logo, no motto below the sidebar.
    var isFirstDays: Bool { sidebarForm == .a }

    /// Where this era's site had its home page.
    var homePath: String { isFirstDays ? "/index.html" : "/cablegate.html" }

    /// The script every page loads at its end.
    var scriptPath: String { isFirstDays ? "/static/js/js.js" : "/static/js/cables.js" }
}
