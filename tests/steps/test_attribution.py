"""Bylines and datelines: removed from the text at the top or bottom of a page, kept as
metadata.author / published / updated (ISO 8601), named in explain; body sentences that merely
start with "By" never touched; an HTML page's own metadata first."""

from __future__ import annotations

import gzip
import json

import pytest

from thresher.cli import main
from thresher.document import Document
from thresher.pipeline import default_pipeline
from thresher.steps.attribution.dates import iso_of_machine_date, parse_date
from thresher.steps.attribution.step import Attribution
from thresher.steps.base import ShardContext
from thresher.steps.extract.page_meta import page_attribution
from thresher.steps.extract.step import ExtractHtml

TITLE = "Council backs new rules for schools"
BODY = ("The council said on Monday that its new rules would apply to every school in the region from September. "
        "Head teachers were told of the decision in a letter.\n"
        "Parents welcomed the change, which follows a long consultation with teachers and their unions. "
        "Some had asked for it for years.\n"
        "The rules will be reviewed after a year, when the first results of the new inspections are known. "
        "A report will go to the council in the spring.\n")
STEP = Attribution()


def attribute(text: str, **meta) -> Document:
    doc = Document("page", text, metadata=dict(meta))
    STEP.process(doc, ShardContext())
    return doc


# line -> the metadata it gives
TOP_BYLINES = {
    "By Jane Doe": {"author": "Jane Doe"},
    "by Jane Doe": {"author": "Jane Doe"},
    "By Jane Doe and John Roe": {"author": "Jane Doe; John Roe"},
    "By Jane Doe, John Roe and Ann Poe": {"author": "Jane Doe; John Roe; Ann Poe"},
    "By JANE DOE FOR MAILONLINE": {"author": "Jane Doe"},
    "By Jane Doe, Political Correspondent": {"author": "Jane Doe"},
    "By Ludwig van Beethoven": {"author": "Ludwig van Beethoven"},
    "By J. R. Smith": {"author": "J. R. Smith"},
    "By The Associated Press": {"author": "The Associated Press"},
    "By Jane Doe in Moscow | 12 May 2016": {"author": "Jane Doe", "published": "2016-05-12"},
    "By Jane Doe | May 12, 2016 at 3:45 pm EDT": {"author": "Jane Doe", "published": "2016-05-12T15:45-04:00"},
    "Jane Doe - 12 May 2016 - 10:23": {"author": "Jane Doe", "published": "2016-05-12T10:23"},
    "Jane Doe, BBC News | 12 May 2016": {"author": "Jane Doe", "published": "2016-05-12"},
    "12 May 2016 | Jane Doe": {"author": "Jane Doe", "published": "2016-05-12"},
    "Jane Doe | Reuters": {"author": "Jane Doe"},
    "Posted by Jane Doe on May 12, 2016": {"author": "Jane Doe", "published": "2016-05-12"},
    "Posted by admin on May 12, 2016": {"author": "admin", "published": "2016-05-12"},
    "Posted by Jane Doe at 10:23 AM": {"author": "Jane Doe"},
    "Posted on May 12, 2016 by Jane Doe": {"author": "Jane Doe", "published": "2016-05-12"},
    "May 12, 2016 by admin": {"author": "admin", "published": "2016-05-12"},
    "Written by Jane Doe": {"author": "Jane Doe"},
    "Author: Jane Doe": {"author": "Jane Doe"},
    "Published: 12 May 2016": {"published": "2016-05-12"},
    "Published: 2016-05-12": {"published": "2016-05-12"},
    "First published on Thu 12 May 2016 10.23 BST": {"published": "2016-05-12T10:23+01:00"},
    "Published 12 May 2016, updated 13 May 2016": {"published": "2016-05-12", "updated": "2016-05-13"},
    "Updated 13 May 2016": {"updated": "2016-05-13"},
    "Last updated: May 12, 2016 10:23 am": {"updated": "2016-05-12T10:23"},
    "Thursday 12 May 2016 10.23 BST": {"published": "2016-05-12T10:23+01:00"},
    "May 12, 2016": {"published": "2016-05-12"},
    "2016-05-12": {"published": "2016-05-12"},
    "12/05/2016": {"published": "2016", "published_raw": "12/05/2016"},
    "25/05/2016": {"published": "2016-05-25"},
    "Published: May 2016": {"published": "2016-05", "published_raw": "May 2016"},
}


# A byline in each language the byline group knows beyond English (BYLINE_WORDS), below the title.
MULTILINGUAL_BYLINES = {
    "Von Jane Doe": {"author": "Jane Doe"},
    "Par Jean Dupont": {"author": "Jean Dupont"},
    "Por María García | 12.05.2016": {"author": "María García", "published": "2016-05-12"},
    "Di Marco Rossi": {"author": "Marco Rossi"},
    "Door Sanne Bakker": {"author": "Sanne Bakker"},
    "Av Erik Andersson": {"author": "Erik Andersson"},
    "Autor: Petr Novák": {"author": "Petr Novák"},
    "Autorka: Anna Kowalska": {"author": "Anna Kowalska"},
    "Írta: Kovács Péter": {"author": "Kovács Péter"},
    "Yazar: Mehmet Yılmaz": {"author": "Mehmet Yılmaz"},
    "Автор: Олена Коваленко": {"author": "Олена Коваленко"},
    "Tác giả: Nguyễn Văn An": {"author": "Nguyễn Văn An"},
    "Oleh Budi Santoso": {"author": "Budi Santoso"},
    "بقلم علي رضايي": {"author": "علي رضايي"},
    "نویسنده: علی رضایی": {"author": "علی رضایی"},
    "लेखक: राम शर्मा": {"author": "राम शर्मा"},
    "โดย สมศรี มีสุข": {"author": "สมศรี มีสุข"},
    "作者：张三": {"author": "张三"},
    "記者：山田太郎": {"author": "山田太郎"},
    "홍길동 기자 hong@example.com": {"author": "홍길동"},
}
TOP_BYLINES.update(MULTILINGUAL_BYLINES)


@pytest.mark.parametrize("line", TOP_BYLINES)
def test_a_byline_below_the_title_goes_to_metadata(line):
    doc = attribute(f"{TITLE}\n{line}\n{BODY}")
    assert doc.text == f"{TITLE}\n{BODY}"
    assert doc.metadata == TOP_BYLINES[line]


@pytest.mark.parametrize("line", ["By Jane Doe", "Jane Doe - 12 May 2016 - 10:23", "Published: 12 May 2016"])
def test_a_byline_below_a_standfirst_goes_too(line):
    standfirst = "Parents and teachers have waited two years for the decision, which comes before the elections."
    doc = attribute(f"{TITLE}\n{standfirst}\n{line}\n{BODY}")
    assert doc.text == f"{TITLE}\n{standfirst}\n{BODY}"


BOTTOM_BYLINES = {
    "By Jane Doe": {"author": "Jane Doe"},
    "Reporting by Jane Doe in London; Editing by John Roe": {"author": "Jane Doe"},
    "(Reporting by Jane Doe; Additional reporting by Ann Poe; Editing by John Roe)": {"author": "Jane Doe"},
    "— Jane Doe": {"author": "Jane Doe"},
    "Posted by Jane Doe at 10:23 AM": {"author": "Jane Doe"},
    "Jane Doe - 12 May 2016 - 10:23": {"author": "Jane Doe", "published": "2016-05-12T10:23"},
    "Published: 12 May 2016": {"published": "2016-05-12"},
}


@pytest.mark.parametrize("line", BOTTOM_BYLINES)
def test_a_byline_at_the_bottom_goes_to_metadata(line):
    doc = attribute(f"{TITLE}\n{BODY}{line}\n")
    assert doc.text == f"{TITLE}\n{BODY}"
    assert doc.metadata == BOTTOM_BYLINES[line]


def test_a_byline_and_its_second_line_go_together():
    doc = attribute(f"{TITLE}\nBy Jane Doe\nBBC News, Washington\n{BODY}")
    assert doc.text == f"{TITLE}\n{BODY}"
    assert doc.metadata == {"author": "Jane Doe"}


def test_byline_and_dateline_on_two_lines_give_both():
    doc = attribute(f"{TITLE}\nBy Jane Doe\n12 May 2016\n{BODY}")
    assert doc.text == f"{TITLE}\n{BODY}"
    assert doc.metadata == {"author": "Jane Doe", "published": "2016-05-12"}


NEVER_BYLINES = [
    "By the end of the year, the council will have spent more than two million pounds on the schools.",
    "By early 2005 the net could have two new domain names.",
    "By Monday the river had burst its banks.",
    "By 2020, half of all cars sold in the region will be electric.",
    "By Jane Doe's own account, the meeting was a failure.",
    "By January 2017 sales had doubled",
    "By Christmas",
    "By Air",
    "By Car",
    "BY THE NUMBERS",
    "By Popular Demand",
    "World News | Reuters",
    "Written by hand in 1820, the letter was found in an attic.",
    "May 12",
    "July 2007",
]


@pytest.mark.parametrize("line", NEVER_BYLINES)
@pytest.mark.parametrize("where", ["top", "bottom"])
def test_lines_that_merely_start_like_a_byline_stay(line, where):
    text = f"{TITLE}\n{line}\n{BODY}" if where == "top" else f"{TITLE}\n{BODY}{line}\n"
    doc = attribute(text)
    assert doc.text == text
    assert doc.metadata == {}


def test_a_byline_in_the_middle_of_the_body_stays():
    # Between paragraphs of prose a "By ..." line is a quote or a heading, not the page's byline.
    paras = BODY.splitlines()
    text = f"{TITLE}\n{paras[0]}\n{paras[1]}\nBy Jane Doe\n{paras[2]}\n" + BODY
    assert attribute(text).text == text


def test_an_unlabelled_name_and_date_on_the_first_line_is_a_title_not_a_byline():
    text = f"Annual Report - 12 May 2016\n{BODY}"
    assert attribute(text).text == text


def test_the_pages_own_metadata_wins_but_the_line_still_goes():
    doc = attribute(f"{TITLE}\nBy Jane Doe | 12 May 2016\n{BODY}", author="Jane A. Doe", published="2016-05-12T09:00:00Z")
    assert doc.text == f"{TITLE}\n{BODY}"
    assert doc.metadata == {"author": "Jane A. Doe", "published": "2016-05-12T09:00:00Z"}


def test_numeric_dates_can_be_told_which_order_the_crawl_writes():
    for order, iso in (("dmy", "2016-05-12"), ("mdy", "2016-12-05")):
        doc = Document("p", f"{TITLE}\nPublished: 12/05/2016\n{BODY}")
        Attribution(numeric_dates=order).process(doc, ShardContext())
        assert doc.metadata == {"published": iso}
    with pytest.raises(ValueError, match="numeric_dates"):
        Attribution(numeric_dates="ymd")


def test_a_group_or_a_rule_can_be_switched_off():
    text = f"{TITLE}\nBy Jane Doe\n12 May 2016\n{BODY}"
    assert attribute(text).text == f"{TITLE}\n{BODY}"
    doc = Document("p", text)
    Attribution(disabled=["date.date_only"]).process(doc, ShardContext())
    assert doc.text == f"{TITLE}\n12 May 2016\n{BODY}" and doc.metadata == {"author": "Jane Doe"}
    with pytest.raises(ValueError, match="unknown rule groups"):
        Attribution(disabled=["bylines"])


@pytest.mark.parametrize("raw, iso, complete", [
    ("12 May 2016", "2016-05-12", True),
    ("May 12, 2016", "2016-05-12", True),
    ("Thursday, 12th of May, 2016", "2016-05-12", True),
    ("Sept. 3, 2016", "2016-09-03", True),
    ("2016-05-12", "2016-05-12", True),
    ("2016/05/12", "2016-05-12", True),
    ("12.05.2016", "2016-05-12", True),  # dots: day first
    ("25/05/2016", "2016-05-25", True),  # a day over 12 decides
    ("05/25/2016", "2016-05-25", True),
    ("05/05/2016", "2016-05-05", True),
    ("12/05/2016", "2016", False),  # undecidable: the year only, raw kept
    ("12 May 2016 - 10:23", "2016-05-12T10:23", True),
    ("10:23 AM, May 12, 2016", "2016-05-12T10:23", True),
    ("May 12, 2016 at 3:45 pm EDT", "2016-05-12T15:45-04:00", True),
    ("March 3rd, 2019 4pm", "2019-03-03T16:00", True),
    ("Thu, May 12, 2016 10:23 GMT+2", "2016-05-12T10:23+02:00", True),
    ("January 2, 2008 4:48 a.m. ET", "2008-01-02T04:48", True),  # ET is two offsets: none written
    ("2016-05-12T10:23:00Z", "2016-05-12T10:23:00Z", True),
    ("May 2016", "2016-05", False),
    ("12 May", None, False),
    ("31 February 2016", "2016", False),
])
def test_dates_in_common_formats_become_iso_8601(raw, iso, complete):
    d = parse_date(raw)
    assert (d.iso, d.complete, d.raw) == (iso, complete, raw)


def test_machine_dates_are_normalised_and_template_placeholders_refused():
    assert iso_of_machine_date("2016-05-12T10:23:00+01:00") == "2016-05-12T10:23:00+01:00"
    assert iso_of_machine_date("2016-05-12T10:23:00.000Z") == "2016-05-12T10:23:00Z"
    assert iso_of_machine_date("2016-05-12T10:23") == "2016-05-12T10:23"
    assert iso_of_machine_date("20160512") == "2016-05-12"
    assert iso_of_machine_date("0001-01-01T00:00:00Z") is None
    assert iso_of_machine_date("last Tuesday") is None


def test_the_default_pipeline_names_the_edits_for_explain(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(f"{TITLE}\nBy Jane Doe | 12 May 2016\n{BODY}Reporting by Jane Doe; Editing by John Roe\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["clean", str(page), "-o", str(out), "--workers", "1", "--no-dedup"]) == 0
    capsys.readouterr()
    assert main(["explain", str(out), "page.txt", "--color", "never"]) == 0
    shown = capsys.readouterr().out
    assert "[-By Jane Doe | 12 May 2016⏎\n-]<<attribution:byline>>" in shown
    assert "[-Reporting by Jane Doe; Editing by John Roe⏎\n-]<<attribution:byline>>" in shown
    assert "attribution:byline: 2 edit(s)" in shown


def test_the_default_pipeline_keeps_author_and_date_in_the_record(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(f"{TITLE}\nJane Doe - 12 May 2016 - 10:23\n{BODY}", encoding="utf-8")
    assert main(["clean", str(page), "--json"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["metadata"]["author"] == "Jane Doe"
    assert rec["metadata"]["published"] == "2016-05-12T10:23"
    assert rec["text"] == f"{TITLE}\n{BODY}"


def test_bbc_articles_lose_no_line(shared_data):
    # 2,095 real articles (title and paragraphs, one a line): none has a byline, and no body
    # sentence ("By early 2005 the net could...") may look like one.
    touched = []
    with gzip.open(shared_data / "bbc-news" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            text = a["title"] + "\n" + "\n".join(p for p in a["text"].split("\n") if p.strip()) + "\n"
            if STEP.plan(text).edits:
                touched.append(a["id"])
    assert touched == []


# -- HTML: the page's own metadata first ------------------------------------------------------

HTML_BODY = "".join(f"<p>{p}</p>" for p in BODY.splitlines())


def html_page(head: str, byline: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><title>{TITLE}</title>{head}</head><body><article>"
            f"<h1>{TITLE}</h1>{byline}{HTML_BODY}</article></body></html>")


def test_meta_tags_give_author_and_dates():
    page = html_page('<meta name="author" content="Jane Doe">'
                     '<meta property="article:author" content="https://www.facebook.com/janedoe">'
                     '<meta property="article:published_time" content="2016-05-12T10:23:00+01:00">'
                     '<meta property="article:modified_time" content="2016-05-13T08:00:00Z">')
    assert page_attribution(page) == {"author": "Jane Doe", "published": "2016-05-12T10:23:00+01:00",
                                      "updated": "2016-05-13T08:00:00Z"}


def test_json_ld_gives_authors_and_dates_through_a_graph():
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "@id": "https://example.org/p#page", "datePublished": "2015-01-01"},
        {"@type": "NewsArticle", "author": [{"@id": "https://example.org/#jane"}, {"@type": "Person", "name": "John Roe"}],
         "datePublished": "2016-05-12T10:23:00Z", "dateModified": "2016-05-12T11:00:00Z"},
        {"@type": "Person", "@id": "https://example.org/#jane", "name": "Jane Doe"},
    ]}
    page = html_page(f'<script type="application/ld+json">{json.dumps(ld)}</script><meta name="author" content="Site Staff">')
    assert page_attribution(page) == {"author": "Jane Doe; John Roe", "published": "2016-05-12T10:23:00Z",
                                      "updated": "2016-05-12T11:00:00Z"}


def test_time_and_rel_author_when_nothing_else_says():
    page = html_page("", '<p class="byline">By <a href="/staff/jane" rel="author">Jane Doe</a> '
                         '<time datetime="2016-05-12T10:23" class="published">12 May 2016</time></p>')
    assert page_attribution(page) == {"author": "Jane Doe", "published": "2016-05-12T10:23"}


def test_broken_json_ld_and_no_metadata_give_nothing():
    page = html_page('<script type="application/ld+json">{"@type": "NewsArticle", "author": </script>')
    assert page_attribution(page) == {}


def test_an_html_page_through_the_pipeline_takes_its_metadata_and_loses_its_byline_line():
    ld = {"@type": "NewsArticle", "author": {"@type": "Person", "name": "Jane A. Doe"}, "datePublished": "2016-05-12T10:23:00+01:00"}
    page = html_page(f'<script type="application/ld+json">{json.dumps(ld)}</script>', "<p>By Jane Doe | 12 May 2016</p>")
    doc = Document("p.html", page, metadata={"format": "html"})
    [out] = list(default_pipeline().run([doc], ShardContext()))
    assert out.kept, out.verdict
    assert out.metadata["author"] == "Jane A. Doe"
    assert out.metadata["published"] == "2016-05-12T10:23:00+01:00"
    assert out.text == f"{TITLE}\n{BODY}"
    assert [e.rule for e in out.edits if not e.rule.startswith("whitespace:")] == ["attribution:byline"]


def test_the_extract_step_sets_what_the_page_says_beside_the_title():
    page = html_page('<meta name="author" content="By Jane Doe"><meta name="date" content="May 12, 2016">')
    doc = Document("p.html", page, metadata={"format": "html"})
    ExtractHtml().process(doc, ShardContext())
    assert doc.metadata["author"] == "Jane Doe" and doc.metadata["published"] == "2016-05-12"


@pytest.mark.parametrize("line", ["Von Berlin aus fuhr er weiter nach Hamburg.", "Par ailleurs", "Por la tarde llegó la lluvia",
                                  "Di notte la città è silenziosa", "Autor: ", "Von Jane Doe"])
def test_other_languages_prose_and_a_title_that_opens_like_a_byline_stay(line):
    text = f"{line}\n{BODY}" if line == "Von Jane Doe" else f"{TITLE}\n{line}\n{BODY}"  # the first line is a title
    assert attribute(text).text == text
