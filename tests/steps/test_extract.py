"""The extract step: HTML in, line-per-paragraph main text out, failures dropped with a reason."""

from __future__ import annotations

import gzip
import os
import time

import pytest

from thresher.cli import main

from thresher.document import Document, Edit
from thresher.steps.base import ShardContext
from thresher.steps.extract import step as extract_step
from thresher.steps.extract.main_text import choose_title, extract_main_text
from thresher.steps.extract.step import ExtractHtml
from thresher.steps.extract.time_limit import can_limit_time

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour bridge reopens after three years - The Coastal Herald</title>
<meta property="og:title" content="Harbour bridge reopens after three years">
</head><body>
<header><nav class="menu"><ul>
<li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather forecast for the week</a></li></ul></nav></header>
<main><article>
<h1>Harbour bridge reopens after three years</h1>
<p>The harbour bridge reopened to traffic on Monday morning after three years of repairs to its steel deck, the city council said.</p>
<p>Engineers replaced more than four hundred corroded beams and laid a new road surface, work that ran eight months over the original schedule and cost twice the first estimate.</p>
<h2>What changed for commuters</h2>
<p>Buses will return to the bridge from next week, and a separate lane for bicycles now runs along the eastern side of the deck, protected by a low concrete barrier.</p>
<ul>
<li>Two lanes for cars in each direction</li>
<li>A protected cycle lane on the eastern side</li>
<li>Wider footpaths with new lighting</li>
</ul>
<p>Read more: <a href="/news/tunnel">Council approves plans for a second harbour tunnel</a></p>
<p>The mayor said <a href="/mayor">the reopening</a> would cut the morning commute from the northern suburbs by a quarter of an hour for most drivers.</p>
<p>Shops on both ends of the bridge had complained for months that the closure kept customers away. Several of them reported their best weekend in years as traffic returned. The council has promised to publish the final cost of the works before the end of the year.</p>
</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/news/ferry">Ferry timetable changes as the bridge reopens</a></li>
<li><a href="/news/tunnel">Council approves plans for a second harbour tunnel</a></li>
</ul></aside>
<section id="comments" class="comments"><h3>3 Comments</h3>
<div class="comment"><p>Finally! It took them long enough, I have been driving around for years.</p></div>
<div class="comment"><p>What a waste of money, the old bridge was perfectly fine if you ask me.</p></div>
</section>
</main>
<footer><p>Copyright 2024 The Coastal Herald. All rights reserved.</p>
<a href="/privacy">Privacy policy and cookie settings</a></footer>
</body></html>
"""

EXPECTED = [
    "Harbour bridge reopens after three years",
    "The harbour bridge reopened to traffic on Monday morning after three years of repairs to its steel deck, the city council said.",
    "Engineers replaced more than four hundred corroded beams and laid a new road surface, work that ran eight months over the original schedule and cost twice the first estimate.",
    "What changed for commuters",
    "Buses will return to the bridge from next week, and a separate lane for bicycles now runs along the eastern side of the deck, protected by a low concrete barrier.",
    "Two lanes for cars in each direction",
    "A protected cycle lane on the eastern side",
    "Wider footpaths with new lighting",
    "The mayor said the reopening would cut the morning commute from the northern suburbs by a quarter of an hour for most drivers.",
    "Shops on both ends of the bridge had complained for months that the closure kept customers away. Several of them reported their best weekend in years as traffic returned. The council has promised to publish the final cost of the works before the end of the year.",
]


def html_doc(html: str, doc_id: str = "page.html") -> Document:
    return Document(doc_id, html, metadata={"format": "html", "source": doc_id})


def run(step: ExtractHtml, *docs: Document) -> tuple[list[Document], ShardContext]:
    ctx = ShardContext()
    return list(step.run(list(docs), ctx)), ctx


def test_article_comes_out_one_paragraph_heading_or_list_item_per_line():
    (doc,), ctx = run(ExtractHtml(), html_doc(ARTICLE))
    assert doc.kept
    assert doc.text.split("\n") == EXPECTED
    # What a reader of the article does not want is gone: menu, related links, comments, footer.
    for gone in ("Home", "Weather forecast", "Ferry timetable", "second harbour tunnel", "Comments",
                 "waste of money", "Copyright", "Privacy policy"):
        assert gone not in doc.text
    assert doc.metadata["format"] == "text"
    assert doc.metadata["title"] == EXPECTED[0]
    assert doc.metadata["html_chars"] == len(ARTICLE)
    assert doc.metadata["extract_link_lines_dropped"] == 1  # the "Read more: <link>" line


def test_extracted_text_becomes_the_original_that_later_edits_refer_to():
    (doc,), _ = run(ExtractHtml(), html_doc(ARTICLE))
    assert doc.original == doc.text and doc.edits == []
    doc.apply([Edit(0, len(EXPECTED[0]) + 1, "test:title")])
    assert doc.text.split("\n") == EXPECTED[1:]
    assert doc.edits == [Edit(0, len(EXPECTED[0]) + 1, "test:title", "")]


def test_options_title_and_link_lines():
    (doc,), _ = run(ExtractHtml(include_title=False, drop_link_lines=False), html_doc(ARTICLE))
    lines = doc.text.split("\n")
    assert lines[0] == EXPECTED[1]
    assert "Read more: Council approves plans for a second harbour tunnel" in lines


def test_documents_not_marked_html_pass_untouched():
    plain = Document("a.txt", "<p>This is plain text that merely looks like markup.</p>")
    (doc,), ctx = run(ExtractHtml(), plain)
    assert doc.kept and doc.text == plain.original and "html_chars" not in doc.metadata


def test_too_large_page_is_dropped_unparsed():
    big = "<html><body>" + "<p>word word word word.</p>" * 2000 + "</body></html>"
    (doc,), ctx = run(ExtractHtml(max_html_chars=10_000), html_doc(big))
    assert not doc.kept and (doc.verdict.step, doc.verdict.reason) == ("extract", "extract:too_large")
    assert ctx.stats.dropped_by_reason["extract:too_large"] == 1


def test_page_without_text_is_dropped_as_empty():
    (doc,), ctx = run(ExtractHtml(), html_doc("<html><head><title></title></head><body><div><img src=a.png></div></body></html>"))
    assert not doc.kept and doc.verdict.reason == "extract:empty"


def test_failing_page_is_dropped_and_the_run_goes_on(monkeypatch):
    real = extract_step.extract_main_text

    def flaky(html, **kw):
        if "boom" in html:
            raise RuntimeError("parser fell over")
        return real(html, **kw)

    monkeypatch.setattr(extract_step, "extract_main_text", flaky)
    docs, ctx = run(ExtractHtml(), html_doc("<p>boom</p>", "bad.html"), html_doc(ARTICLE, "good.html"))
    assert [d.kept for d in docs] == [False, True]
    assert docs[0].verdict.reason == "extract:error" and "parser fell over" in docs[0].verdict.detail
    assert docs[1].text.split("\n") == EXPECTED


def test_slow_page_times_out_and_the_run_goes_on(monkeypatch):
    if not can_limit_time():
        why = "SIGALRM time limit needs the main thread of a POSIX process"
        if os.environ.get("CI") == "true":  # CI must run it: a skip there would hide a lost guard
            pytest.fail(why)
        pytest.skip(why)
    real = extract_step.extract_main_text

    def slow(html, **kw):
        if "slow" in html:
            while True:  # pure-Python loop: the alarm interrupts it
                time.sleep(0.01)
        return real(html, **kw)

    monkeypatch.setattr(extract_step, "extract_main_text", slow)
    # No timing assert: the page loops forever, so reaching the asserts at all is the proof.
    docs, ctx = run(ExtractHtml(timeout_s=0.2), html_doc("<p>slow</p>", "slow.html"), html_doc(ARTICLE, "ok.html"))
    assert [d.verdict.reason for d in docs] == ["extract:timeout", None]
    assert ctx.stats.dropped_by_reason == {"extract:timeout": 1}


def test_mojibake_free_output_for_non_latin_pages():
    page = ("<html><head><title>Новости города</title></head><body><article>"
            "<h1>Мост снова открыт после трёх лет ремонта</h1>"
            "<p>Мост через гавань открылся для движения в понедельник утром после трёх лет ремонта стального настила, сообщили в городском совете.</p>"
            "<p>Инженеры заменили более четырёхсот балок и уложили новое дорожное покрытие; работы заняли на восемь месяцев больше, чем планировалось.</p>"
            "</article></body></html>")
    (doc,), _ = run(ExtractHtml(), html_doc(page))
    assert doc.kept
    assert "Мост через гавань открылся" in doc.text and len(doc.text.splitlines()) >= 2


@pytest.mark.parametrize("og,h1s,tag,expected", [
    ("Bridge reopens", ["Bridge reopens"], "Bridge reopens - Herald", "Bridge reopens"),
    ("", [], "Bridge reopens after three years - The Herald", "Bridge reopens after three years"),
    ("", ["The Herald", "Bridge reopens after three years"], "Bridge reopens after three years | The Herald",
     "Bridge reopens after three years"),
    ("Homepage - Creative Commons", ["Creative Commons"], "", "Homepage - Creative Commons"),  # a logo <h1> is not the title
    ("", ["Only headline here"], "", "Only headline here"),
    ("", [], "", ""),
])
def test_title_choice(og, h1s, tag, expected):
    assert choose_title(og, h1s, tag) == expected


def test_line_that_is_only_a_link_is_dropped_but_paragraphs_with_links_stay():
    ex = extract_main_text(ARTICLE)
    assert ex.link_lines_dropped == 1
    assert EXPECTED[-2] in ex.text.split("\n")  # its link ("the reopening") is short and inside a sentence


def test_thresher_clean_on_an_html_file_prints_its_main_text(tmp_path, capsys):
    page = tmp_path / "bridge.html"
    page.write_text(ARTICLE, encoding="utf-8")
    assert main(["clean", str(page)]) == 0
    assert capsys.readouterr().out == "\n".join(EXPECTED) + "\n"


def test_thresher_clean_on_a_warc_extracts_then_cleans(tmp_path, capsys):
    payload = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + ARTICLE.encode()
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:11111111-2222-3333-4444-555555555555>\r\n"
            "WARC-Date: 2024-04-25T16:24:44Z\r\nWARC-Target-URI: https://herald.example/bridge\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(payload)}\r\n\r\n").encode()
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(gzip.compress(head + payload + b"\r\n\r\n"))
    assert main(["clean", str(warc)]) == 0
    assert capsys.readouterr().out == "\n".join(EXPECTED) + "\n"


def test_html_edited_before_extraction_is_dropped_with_a_plain_reason():
    doc = html_doc(ARTICLE)
    doc.apply([Edit(0, 15, "some_step:rule")])
    (out,), _ = run(ExtractHtml(), doc)
    assert not out.kept and out.verdict.reason == "extract:error" and "before extraction" in out.verdict.detail


def _nested(depth: int) -> str:
    body = "<p>" + "A sentence that tells the reader one plain fact about the harbour bridge. " * 8 + "</p>"
    return "<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"


def test_dom_depth_is_measured_exactly():
    from resiliparse.parse.html import HTMLTree

    from thresher.steps.extract.main_text import deeper_than

    tree = HTMLTree.parse(_nested(50))  # document > html > body > 50 divs > p > text
    assert deeper_than(tree, 53) and not deeper_than(tree, 54)
    flat = HTMLTree.parse("<html><body>" + "<p>one</p>" * 200 + "</body></html>")
    assert not deeper_than(flat, 4)


def test_a_page_nested_too_deep_for_resiliparse_is_read_without_it(monkeypatch):
    # resiliparse's time grows with depth squared in one C call no time limit stops: a page of
    # 100,000 nested divs held a worker for minutes. Past the cap only trafilatura reads it.
    from thresher.steps.extract import main_text

    asked = []
    real = main_text.extract_plain_text
    monkeypatch.setattr(main_text, "extract_plain_text", lambda tree, **kw: asked.append(1) or real(tree, **kw))
    ordinary = extract_main_text(_nested(40))
    assert asked and "harbour bridge" in ordinary.text
    asked.clear()
    deep = extract_main_text(_nested(main_text.MAX_DOM_DEPTH + 10_000))
    assert asked == []
    assert "harbour bridge" in deep.text or deep.text == ""
