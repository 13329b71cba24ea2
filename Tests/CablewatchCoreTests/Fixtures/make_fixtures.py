#!/usr/bin/env python3
"""Writes the golden page fixtures of CablewatchCoreTests from the markup contract in DESIGN.md §2.1.

Usage: python3 make_fixtures.py /work/shared/seeds/000_0d93f6801317ee67.txt
The seed is the text rendering of the real 06SEOUL1789 page; everything else is synthetic.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

ORIGINS = ["Embassy Seoul", "Embassy Tokyo", "Embassy Libreville", "Embassy Astana", "Consulate Sao Paulo",
           "Secretary of State", "Embassy Canberra", "Embassy Wellington", "USUN New York", "Embassy Moscow"]
TAGS = ["PREL", "PINR", "PINS", "AS", "JA", "NZ", "KN", "KS", "PGOV", "ECON", "MARR", "KJUS", "OVIP", "PTER"]
CLASSIFICATIONS = ["CONFIDENTIAL", "CONFIDENTIAL//NOFORN", "SECRET", "SECRET//NOFORN", "UNCLASSIFIED",
                   "UNCLASSIFIED//FOR OFFICIAL USE ONLY"]


def sidebar(counter, release_links, quote="'"):
    q = quote
    out = [f"<div id={q}left{q}>",
           f"<a href={q}/support.html{q} class={q}support{q}>Keep Us Strong</a>",
           f"<img src={q}/wl-logo.png{q} alt={q}WikiLeaks logo{q} />",
           f"<p>Currently released so far... {counter}</p>",
           f"<h3>Articles</h3><ul class={q}articles{q}><li><a href={q}/articles/one.html{q}>Article &amp; one</a></li></ul>",
           f"<h3>Browse latest releases</h3>",
           f"<ul class={q}releases{q}>"]
    for href, text in release_links:
        out.append(f"<li><a href={q}{href}{q}>{text}</a></li>")
    out.append("</ul>")
    out.append("<h3>Browse by creation date</h3><ul class='dates'>")
    for year in range(1980, 2011):
        for month in range(1, 13):
            out.append(f"<li><a href='/date/{year}-{month:02d}_0.html'>{year}/{month:02d}</a></li>")
    out.append("</ul><h3>Browse by origin</h3><ul class='origins'>")
    for number, origin in enumerate(ORIGINS * 12):
        out.append(f"<li><a href='/origin/{number + 1}_0.html'>{origin}</a></li>")
    out.append("</ul><h3>Browse by tag</h3><ul class='tags'>")
    for number, tag in enumerate(TAGS * 25):
        out.append(f"<li><a href='/tag/{tag}{number}_0.html'>{tag}{number}</a></li>")
    out.append("</ul><h3>Browse by classification</h3><ul class='classifications'>")
    for number, name in enumerate(CLASSIFICATIONS):
        out.append(f"<li><a href='/classification/{number + 1}_0.html'>{name}</a></li>")
    out.append("</ul><h3>Community resources</h3><p>courage is contagious</p></div>")
    return "\n".join(out)


def page(left, right, quote="'"):
    q = quote
    return ("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
            "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
            f"<html xmlns={q}http://www.w3.org/1999/xhtml{q}>\n"
            f"<head><meta http-equiv={q}Content-Type{q} content={q}text/html; charset=utf-8{q} />"
            "<title>Cable Viewer</title></head>\n<body>\n"
            + left + f"\n<div id={q}right{q}>\n" + right + "\n</div>\n</body>\n</html>\n")


def daily(days):
    return [(f"/reldate/{d}_0.html", d.replace("-", "/")) for d in days]


DAYS = ["2011-04-28", "2011-04-27", "2011-04-26", "2011-04-25", "2011-04-22", "2011-04-20"]


def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def paginator(base, page, last, quote="'"):
    q = quote
    link = lambda p, text: f"<a href={q}{base}_{p}.html{q}>{text}</a>"
    parts = [link(max(page - 1, 0), "&lt;&lt;")]
    for p in range(last + 1):
        parts.append(f"<b>{p + 1}</b>" if p == page else link(p, str(p + 1)))
    parts.append(link(min(page + 1, last), "&gt;&gt;"))
    return f"<div class={q}paginator{q}>" + " ".join(parts) + "</div>"


def listing_row(ref, path, subject, created, released, classification, origin, wrong_title):
    cells = [f"<td><a href='{path}'>{ref}</a></td>", f"<td>{subject}</td>",
             f"<td><a href='/date/{created[:7]}_0.html'>{created}</a></td>"]
    if released is not None:
        cells.append(f"<td><a href='/reldate/{released}_0.html'>{released}</a></td>")
    number = CLASSIFICATIONS.index(classification) + 1
    cells.append(f"<td><a href='/classification/{number}_0.html' title='{wrong_title}'>{classification}</a></td>")
    cells.append(f"<td><a href='/origin/{ORIGINS.index(origin) + 1}_0.html'>{origin}</a></td>")
    return "<tr>\n" + "\n".join(cells) + "\n</tr>"


def listing(rows, base, page_index, last, early=False):
    head = ["Reference ID", "Subject", "Created"] + ([] if early else ["Released"]) + ["Classification", "Origin"]
    table = ["<table class='cable'>", "<tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>"]
    table += rows
    table.append("</table>")
    pager = paginator(base, page_index, last)
    return "<h3>Release of " + base + "</h3>\n" + pager + "\n" + "\n".join(table) + "\n" + pager


def synthetic_rows(count, start, released, early=False):
    rows = []
    for n in range(start, start + count):
        origin = ORIGINS[n % len(ORIGINS)]
        classification = CLASSIFICATIONS[n % len(CLASSIFICATIONS)]
        wrong = CLASSIFICATIONS[(n + 2) % len(CLASSIFICATIONS)]
        ref = f"09STATE{100000 + n}"
        rows.append(listing_row(ref, f"/cable/2009/10/{ref}.html", f"SUBJECT NUMBER {n} &amp; MORE",
                                f"2009-10-{(n % 28) + 1:02d}", None if early else released, classification, origin,
                                wrong))
    return rows


def pre_block(text_lines, pre_attributes=""):
    return f"<code><pre{pre_attributes}>" + "&#x000A;".join(text_lines) + "</pre></code>"


def tag_links(line, quote="'"):
    prefix, rest = line.split(":", 1)
    names = rest.split()
    return prefix + ": " + " ".join(f"<a href={quote}/tag/{t}_0.html{quote}>{t}</a>" for t in names)


def cable_right(ref, subject_headline, table_rows, blocks, quote="'"):
    q = quote
    return (f"<h3>Viewing cable {ref}, {subject_headline}</h3>\n"
            f"<div class={q}intro{q}><p>If you are new to these pages, please read an introduction.</p></div>\n"
            + table_rows + "\n" + "\n".join(blocks))


def cable_table(columns, values, extra_rows=(), quote="'"):
    q = quote
    rows = [f"<table class={q}cable{q}>", "<tr>" + "".join(f"<th>{c}</th>" for c in columns) + "</tr>", "<tr>"]
    rows += [f"<td>{v}</td>" for v in values]
    rows.append("</tr>")
    rows += list(extra_rows)
    rows.append("</table>")
    return "\n".join(rows)


def seed_cable(seed_path, variant=False):
    lines = open(seed_path, encoding="utf-8").read().split("\n")
    h0 = lines.index("VZCZCXYZ0008")
    h1 = lines.index("RUEHNO/USMISSION USNATO 0181")
    b0 = next(i for i, l in enumerate(lines) if l.startswith("C O N F I D E N T I A L SEOUL 001789"))
    header = lines[h0:h1 + 1]
    body = lines[b0:]
    q = '"' if variant else "'"
    rendered = []
    paragraph = 0
    for line in body:
        if line.startswith("TAGS:"):
            line = tag_links(line, q)
        elif line[:1].isdigit() and line.split(" ", 1)[0].rstrip(".").isdigit() and "." in line[:3]:
            paragraph += 1
            anchor = f"p-{paragraph}-x" if variant else f"par{paragraph}"
            line = f"<a id={q}{anchor}{q} href={q}#{anchor}{q}>¶</a>" + line
        rendered.append(line)
    pre_attributes = " style=\"white-space: pre-wrap\" class=\"text\"" if variant else ""
    table = cable_table(
        ["Reference ID", "Created", "Released", "Classification", "Origin"],
        [f"<a href={q}/cable/2006/05/06SEOUL1789.html{q}>06SEOUL1789</a>",
         f"<a href={q}/date/2006-05_0.html{q}>2006-05-26 08:10</a>",
         f"<a href={q}/reldate/2011-04-28_0.html{q}>2011-04-28 00:00</a>",
         f"<a href={q}/classification/2_0.html{q}>CONFIDENTIAL//NOFORN</a>",
         f"<a href={q}/origin/153_0.html{q}>Embassy Seoul</a>"], quote=q)
    blocks = [pre_block(header, pre_attributes), pre_block(rendered + [""], pre_attributes)]
    if variant:
        blocks = ["  ".join(blocks)]
    right = cable_right("06SEOUL1789", "ROK GENERALLY UPBEAT ON STRONGER TIES WITH NATO,", table, blocks, q)
    return page(sidebar("64621 / 251,287", daily(DAYS), q), right, q)


def simple_cable(ref, created_path, columns, values, header_lines, body_lines, headline, extra_rows=()):
    table = cable_table(columns, values, extra_rows)
    right = cable_right(ref, headline, table, [pre_block(header_lines), pre_block(body_lines)])
    return page(sidebar("251287 / 251,287", daily(DAYS)), right)


def main():
    seed = sys.argv[1]
    write("cable-seed.html", seed_cable(seed))
    write("cable-seed-variant.html", seed_cable(seed, variant=True))

    home_right = "<h2>Secret US Embassy Cables</h2>\n<p>Wikileaks began on Sunday November 28th publishing 251,287 leaked cables.</p>"
    release_links = daily(DAYS) + [("/reldate/2011-04-26_0.html", "2011/04/26 (again)")]
    write("home.html", page(sidebar("64621 / 251,287", release_links), home_right))

    monthly = [("/reldate/2010-12_0.html", "2010/12"), ("/reldate/2010-11_0.html", "2010/11")]
    write("home-early.html", page(sidebar("1,060&#160;/&#160;251,287", monthly), home_right))

    base = "/reldate/2011-04-28"
    middle = listing(synthetic_rows(50, 50, "2011-04-28"), base, 1, 2)
    write("listing-middle.html", page(sidebar("64,621&nbsp;/&nbsp;251,287", daily(DAYS)), middle))
    last_rows = synthetic_rows(5, 100, "2011-04-28") + [
        listing_row("7575LIBREVILLE1895", "/cable/1975/75/7575LIBREVILLE1895.html", "GABON &lt;UPDATE&gt;",
                    "1975-07-15", "2011-04-28", "CONFIDENTIAL", "Embassy Libreville", "SECRET"),
        listing_row("06ASTANA", "/cable/2006/01/06ASTANA.html", "KAZAKHSTAN: ENERGY &amp; POLITICS",
                    "2006-01-11", "2011-04-28", "UNCLASSIFIED", "Embassy Astana", "SECRET//NOFORN"),
    ]
    write("listing-last.html", page(sidebar("64621\u00a0/\u00a0251287", daily(DAYS)), listing(last_rows, base, 2, 2)))
    early = listing(synthetic_rows(3, 0, None, early=True), "/reldate/2010-11", 0, 0, early=True)
    write("listing-early.html", page(sidebar("220 / 251,287", monthly), early))

    five = ["Reference ID", "Created", "Released", "Classification", "Origin"]
    write("cable-early.html", simple_cable(
        "7575LIBREVILLE1895", "1975/07",
        ["Reference ID", "Date", "Classification", "Origin"],
        ["<a href='/cable/1975/07/7575LIBREVILLE1895.html'>7575LIBREVILLE1895</a>",
         "<a href='/date/1975-07_0.html'>1975-07-15 10:00</a>",
         "<a href='/classification/1_0.html'>CONFIDENTIAL</a>",
         "<a href='/origin/3_0.html'>Embassy Libreville</a>"],
        ["R 151000Z JUL 75", "FM AMEMBASSY LIBREVILLE", "TO SECSTATE WASHDC 1234", "INFO AMEMBASSY PARIS"],
        ["C O N F I D E N T I A L LIBREVILLE 1895", "",
         "TAGS PFOR, GB, US", "SUBJ: PRESIDENT BONGO ON", "REGIONAL AFFAIRS", "REF: STATE 123456", "",
         "<a id='par1' href='#par1'>¶</a>1. SUMMARY TEXT.", "SMITH"],
        "PRESIDENT BONGO ON"))

    articles = [
        "<tr><td colspan='5'>Appears in these articles:<br /><a href='http://www.example.org/one'>Example one</a> "
        "<a href='http://news.example.com/two?a=1&amp;b=2'>Example two</a></td></tr>",
        "<tr><td colspan='5'>Appears in these articles:<br /><a href='http://www.example.net/three'>Three</a></td></tr>",
    ]
    write("cable-articles.html", simple_cable(
        "09STATE100153", "2009/10", five,
        ["<a href='/cable/2009/10/09STATE100153.html'>09STATE100153</a>",
         "<a href='/date/2009-10_0.html'>2009-10-01 18:05</a>",
         "<a href='/reldate/2010-12-05_0.html'>2010-12-05 12:00</a>",
         "<a href='/classification/3_0.html'>SECRET</a>",
         "<a href='/origin/6_0.html'>Secretary of State</a>"],
        ["VZCZCXYZ0001", "PP RUEHWEB", "", "DE RUEHC #0153 2741810", "ZNR UUUUU ZZH", "P 011805Z OCT 09",
         "FM SECSTATE WASHDC", "TO RUEHBJ/AMEMBASSY BEIJING PRIORITY 0001", "RUEHKO/AMEMBASSY TOKYO PRIORITY 0002",
         "RUEHUL/AMEMBASSY SEOUL PRIORITY 0003", "INFO RUEHMO/AMEMBASSY MOSCOW 0004"],
        ["S E C R E T STATE 100153", "", "E.O. 12958: DECL: 10/01/2019",
         "TAGS: " + " ".join(f"<a href='/tag/{t}_0.html'>{t}</a>" for t in ["PREL", "KN"]),
         "SUBJECT: DEMARCHE ON SIX PARTY TALKS", "", "Classified By: EAP A/S Kurt Campbell,",
         "Reasons 1.4 (b) and (d).", "",
         "<a id='par1' href='#par1'>¶</a>1. (S) ACTION REQUEST.", "CLINTON"],
        "DEMARCHE ON SIX PARTY TALKS", articles))

    write("cable-partial.html", simple_cable(
        "08SCTION02OF02SAOPAULO335", "2008/06", five,
        ["<a href='/cable/2008/06/08SCTION02OF02SAOPAULO335.html'>08SCTION02OF02SAOPAULO335</a>",
         "<a href='/date/2008-06_0.html'>2008-06-12 16:00</a>",
         "<a href='/reldate/2011-02-10_0.html'>2011-02-10 21:09</a>",
         "<a href='/classification/5_0.html'>UNCLASSIFIED</a>",
         "<a href='/origin/5_0.html'>Consulate Sao Paulo</a>"],
        ["This record is a partial extract of the original cable. The full text of the original cable is not available."],
        ["UNCLAS SECTION 02 OF 02 SAO PAULO 000335", "", "SENSITIVE", "SIPDIS", "",
         "<a id='par5' href='#par5'>¶</a>5. (SBU) TEXT CONTINUES.", "WHITE"],
        "(U) ETHANOL EXPORTS"))

    write("cable-raw-markup.html", simple_cable(
        "06ASTANA", "2006/01", five,
        ["<a href='/cable/2006/01/06ASTANA.html'>06ASTANA</a>",
         "<a href='/date/2006-01_0.html'>2006-01-11 09:30</a>",
         "<a href='/reldate/2011-04-28_0.html'>2011-04-28 00:00</a>",
         "<a href='/classification/5_0.html'>UNCLASSIFIED</a>",
         "<a href='/origin/4_0.html'>Embassy Astana</a>"],
        ["VZCZCXRO1111", "RR RUEHDBU", "DE RUEHTA #0099/01 0110930", "ZNR UUUUU ZZH", "R 110930Z JAN 06",
         "FM AMEMBASSY ASTANA", "TO RUEHC/SECSTATE WASHDC 4321", "INFO RUCNCIS/CIS COLLECTIVE"],
        ["UNCLAS ASTANA 000099", "", "E.O. 12958: N/A", "TAGS: ENRG, EPET, KZ",
         "SUBJECT: KAZAKHSTAN: OIL & GAS <br> UPDATE </table> AND", "PIPELINE Q&A &c. &#38; &lt;MORE&gt;",
         "", "REF: A) ASTANA 12", "B) ASTANA 34", "", "<a id='par1' href='#par1'>¶</a>1. AT&T AND R&D <br> TEXT</table>.",
         "ORDWAY"],
        "KAZAKHSTAN: OIL &amp; GAS &lt;BR&gt; UPDATE &lt;/TABLE&gt; AND"))


if __name__ == "__main__":
    main()
