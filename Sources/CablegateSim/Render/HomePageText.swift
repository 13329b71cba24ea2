/// The simulator's own fixed parts of the home page, in the real home page's structure.
enum HomePageText {
    /// The translations box (`div.langlist.rightcol`) of the home pages before March 2011.
    static let translations =
        "<div class='langlist rightcol'>\n<i>Summaries</i><br />\n"
        + "[de] <a href=\"/articles/sim-summary-de.html\">Simulierte Depeschen</a><br />"
        + "[es] <a href=\"/articles/sim-summary-es.html\">Cables simulados</a><br />"
        + "[fr] <a href=\"/articles/sim-summary-fr.html\">Câbles simulés</a><br />"
        + "[it] <a href=\"/articles/sim-summary-it.html\">Cablogrammi simulati</a><br />"
        + "[pt_br] <a href=\"/articles/sim-summary-pt.html\">Telegramas simulados</a><br />\n</div>\n"

    /// The first days' charts: a list of chart links, then the chart image as a link.
    static let firstDaysCharts =
        "<li>\n<a href='http://charts.example.org/cablegate-sim/origins'>Cables by origin</a>\n</li>\n"
        + "<li>\n<a href='http://charts.example.org/cablegate-sim/tags'>Cables by tag</a>\n</li>\n"
        + "<a href='http://charts.example.org/cablegate-sim/origins'>\n<img src='/static/gfx/chart.png' />\n</a>\n"
}
