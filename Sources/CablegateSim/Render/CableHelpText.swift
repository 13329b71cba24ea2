/// The simulator's own wording of the cable page's introduction and its two help boxes (`div#help_1`,
/// `div#help_2`), in the real site's structure.
enum CableHelpText {
    static let introduction =
        "<div>\nThis page shows one simulated cable. Read how a cable is laid out in "
        + "<a href=\"#help_1\" onclick=\"return sh(1);\">the parts of a cable</a> and how to "
        + "<a href=\"#help_2\" onclick=\"return sh(2);\">point others to it</a>, or the "
        + "<a href=\"/static/html/faq.html\">questions page</a>\n<br />\n</div>\n"

    static let partsOfACable =
        "<div id='help_1'>\n<br />\n<b>The parts of a cable</b>\n<br />\nA cable page has three boxes:\n<ul>\n"
        + "<li>The table: reference ID, creation and release dates, classification and origin.</li>\n"
        + "<li>The first text box: the routing header, with addressees and precedence.</li>\n"
        + "<li>The second text box: the cable text, whose references name other cables (see "
        + "<a href=\"#by_A\" onclick=\"swap('by_A'); return false;\">the origins</a>) and whose numbered "
        + "paragraphs can be linked one by one.</li>\n</ul>\n"
        + "Classification markings follow the rules of the time; see "
        + "<a href=\"http://reference.example.org/classification\">this reference</a> for them.\n</div>\n"

    /// The second help box, which names the cable's reference ID as a hash tag.
    static func pointingToACable(_ referenceId: String) -> String {
        "<div id='help_2'>\n<br />\n<b>Pointing others to a cable</b>\n<br />\n"
            + "Link a cable by its reference ID, or one of its paragraphs by the link on its paragraph sign.\n"
            + "When you share it, tag it <b>#cablegate-sim</b> and <b>#\(referenceId)</b>.\n</div>\n"
    }
}
