"""The causes found on real pages nobody tuned for (issue 11), each on a small page written here:
table layouts, a precision-mode miss, link lists that are the content, headlines that are links."""

from __future__ import annotations

from thresher.document import Document
from thresher.pipeline import default_pipeline
from thresher.steps.base import ShardContext
from thresher.steps.extract import main_text
from thresher.steps.extract.main_text import extract_main_text, link_lines_to_drop, unfold_layout_tables

PARAGRAPHS = [
    "The county council voted on Tuesday evening to keep the old market hall open for another ten years.",
    "Traders had feared the building would be sold to a developer after the roof failed an inspection in the spring.",
    "The repairs will be paid for from the parking reserve, the council treasurer told the meeting, and will take most of the winter.",
    "A group of stallholders said they would hold an open day in the hall once the scaffolding comes down.",
    "The next review of the building is due in the autumn of the year the lease runs out.",
]

# A page laid out in tables, as pages of the 2000s are: a navigation table, then the body in one
# cell of a second table, each paragraph a <p> with the sentences wrapped by the editor.
TABLE_LAYOUT = f"""<html><head><title>Market hall saved - Valley Gazette</title></head><body>
<table width="100%"><tr><td><a href="/">Home</a></td><td><a href="/news">News</a></td><td><a href="/sport">Sport</a></td></tr></table>
<table width="760"><tr><td width="140" valign="top"><a href="/a">Archive</a><br><a href="/b">Letters</a></td>
<td valign="top"><h1>Market hall saved</h1>
{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}
</td></tr></table>
<table><tr><td>Copyright Valley Gazette</td></tr></table>
</body></html>"""

DATA_TABLE = """<html><head><title>Rainfall by month</title></head><body><article>
<h1>Rainfall by month</h1>
<p>The weather station on the hill recorded the following rainfall over the first quarter of the year, the wettest since records began.</p>
<table><tr><th>Month</th><th>Rain (mm)</th></tr>
<tr><td>January</td><td>112</td></tr><tr><td>February</td><td>98</td></tr><tr><td>March</td><td>131</td></tr></table>
<p>Flood warnings were issued for the lower valley twice in March, and the river burst its banks near the old mill on both occasions.</p>
</article></body></html>"""


def html_doc(html: str, doc_id: str = "page.html") -> Document:
    return Document(doc_id, html, metadata={"format": "html", "source": doc_id})


def test_a_table_layout_article_comes_out_as_its_paragraphs_not_table_rows():
    lines = extract_main_text(TABLE_LAYOUT, include_title=False).text.split("\n")
    assert not any(line.startswith("|") for line in lines)
    for p in PARAGRAPHS:
        assert p in lines  # each paragraph on its own line, as the page's <p> had it


def test_the_default_pipeline_keeps_a_table_layout_article():
    (doc,) = default_pipeline().run([html_doc(TABLE_LAYOUT)], ShardContext())
    assert doc.kept, doc.verdict
    assert all(p in doc.text.split("\n") for p in PARAGRAPHS)


def test_a_data_table_stays_a_table():
    lines = extract_main_text(DATA_TABLE).text.split("\n")
    rows = [line for line in lines if line.startswith("|")]
    assert len(rows) >= 4 and any("February" in r and "98" in r for r in rows)


def test_layout_rows_are_unfolded_and_data_rows_are_not():
    long_cell = " ".join(["word"] * main_text.LAYOUT_CELL_WORDS)
    assert unfold_layout_tables(["| Menu | |", f"| | {long_cell} | Ads |"]) == ["Menu", long_cell, "Ads"]
    data = ["| Month | Rain |", "|---|---|", "| May | 40 |"]
    assert unfold_layout_tables(data) == data


def test_a_layout_cell_is_cut_at_the_paragraphs_another_extractor_saw():
    cell = " ".join(PARAGRAPHS)
    out = unfold_layout_tables([f"| {cell} |", "| Copyright | 2006 | x |"], PARAGRAPHS)
    assert out[:len(PARAGRAPHS)] == PARAGRAPHS


def test_when_precision_mode_and_resiliparse_find_nothing_balanced_mode_is_still_tried(monkeypatch):
    calls = []

    def fake_extract(html, favor_precision=False, **kw):
        calls.append(favor_precision)
        return "" if favor_precision else "The body that only the balanced mode of trafilatura finds on this page."

    monkeypatch.setattr(main_text.trafilatura, "extract", fake_extract)
    monkeypatch.setattr(main_text, "extract_plain_text", lambda *a, **k: "")
    ex = extract_main_text("<html><body><p>x</p></body></html>", include_title=False)
    assert calls == [True, False]  # `0 < 0.5 * 0` used to stop here
    assert ex.engine == "trafilatura:balanced" and ex.text.startswith("The body that only")


def test_precision_mode_that_kept_a_fragment_is_retried_in_balanced_mode(monkeypatch):
    body = "\n".join(PARAGRAPHS)
    monkeypatch.setattr(main_text.trafilatura, "extract",
                        lambda html, favor_precision=False, **kw: PARAGRAPHS[0] if favor_precision else body)
    monkeypatch.setattr(main_text, "extract_plain_text", lambda *a, **k: body * 3)
    ex = extract_main_text("<html><body><p>x</p></body></html>", include_title=False)
    assert ex.text.split("\n") == PARAGRAPHS


PRODUCTS = ["Oak dining table with six chairs", "Walnut bookcase with glass doors",
            "Pine bedside cabinet with two drawers", "Beech writing desk with leather top"]


def test_a_page_that_is_a_list_of_links_keeps_its_links():
    links = frozenset(p.casefold() for p in PRODUCTS)
    assert link_lines_to_drop(["Our furniture", *PRODUCTS], links) == set()


def test_a_headline_that_is_a_link_between_paragraphs_stays_but_related_links_go():
    headline = "Council approves the second harbour tunnel"
    related = ["Ferry timetable changes as the bridge reopens", "Harbour bridge tolls to rise next spring"]
    links = frozenset(x.casefold() for x in [headline, *related])
    lines = [PARAGRAPHS[0], headline, PARAGRAPHS[1], PARAGRAPHS[2], PARAGRAPHS[3], "Related: " + related[0], *related[1:]]
    # a real page has more prose than links; the lone headline is content, the labelled and trailing ones chrome
    assert link_lines_to_drop(lines, links) == {5, 6}


def _wrapped(paragraph: str, width: int = 45) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(paragraph, width))


# An old page: paragraphs typed into the markup wrapped at 45 columns, <br><br> between them. A
# browser renders the source's newlines as spaces; trafilatura keeps them as line breaks.
SOURCE_WRAPPED = ("<html><head><title>Market hall saved</title></head><body><div>"
                  + "<br><br>\n".join(_wrapped(p) for p in PARAGRAPHS) + "</div></body></html>")


def test_line_breaks_only_the_source_had_are_joined_back():
    import trafilatura

    raw = trafilatura.extract(SOURCE_WRAPPED, favor_precision=True, include_comments=False)
    assert len(raw.splitlines()) > len(PARAGRAPHS)  # the cause: the source's wrapping kept
    assert extract_main_text(SOURCE_WRAPPED, include_title=False).text.splitlines() == PARAGRAPHS


def test_the_page_own_line_breaks_stay():
    # labels on lines of their own (<br> after each) above the paragraph they introduce
    html = ("<html><head><title>Market hall saved</title></head><body><div>"
            + "".join(f"<b>Part {i}</b><br>\n{_wrapped(p)}<br><br>\n" for i, p in enumerate(PARAGRAPHS)) + "</div></body></html>")
    lines = extract_main_text(html, include_title=False).text.splitlines()
    assert lines == [x for i, p in enumerate(PARAGRAPHS) for x in (f"Part {i}", p)]


def test_a_title_never_closed_does_not_swallow_the_page(monkeypatch):
    # "</tit" cut off: every parser reads the rest of the page as the title's text
    html = ("<html><head><title>Market hall saved - Valley Gazette</tit\n<script src=\"menu.js\"></script></head><body>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</body></html>")
    with monkeypatch.context() as m:
        m.setattr(main_text, "close_title", lambda h: h)
        assert extract_main_text(html, include_title=False).text == ""
    assert extract_main_text(html, include_title=False).text.splitlines() == PARAGRAPHS
    assert main_text.close_title("<title>A</title><p>b</p>") == "<title>A</title><p>b</p>"


def test_a_post_title_that_links_to_its_own_page_stays_above_the_body():
    title = "Council approves the second harbour tunnel"
    related = ["Ferry timetable changes as the bridge reopens", "Harbour bridge tolls to rise next spring"]
    links = frozenset(x.casefold() for x in [title, *related])
    lines = [title, *PARAGRAPHS[:4], *related]
    assert link_lines_to_drop(lines, links) == {5, 6}
    # a run of links first is still a menu
    assert link_lines_to_drop([*related, *PARAGRAPHS], links) == {0, 1}
