"""HTML character references in text become the characters they name, each edit named, and
text that only looks like a reference is left as written."""

from thresher.document import Document
from thresher.pipeline import Pipeline, build_step, default_pipeline
from thresher.steps.base import ShardContext
from thresher.steps.repair.entities import HtmlEntities


def decode(text: str) -> Document:
    doc = Document("t", text)
    doc.apply(HtmlEntities().edit(doc))
    return doc


def test_named_and_numeric_references_are_decoded():
    doc = decode("Tottenham bid &#163;8m for Forest &amp; Villa duo &#x2014; &quot;fine&quot;\n")
    assert doc.text == 'Tottenham bid £8m for Forest & Villa duo — "fine"\n'
    assert {e.rule for e in doc.edits} == {"html:entity"}
    assert len(doc.edits) == 5


def test_text_that_only_looks_like_a_reference_stays():
    for text in ("AT&T and P&G\n", "Fish &chips; salt\n", "&amp without a semicolon\n", "a &#0; b\n", "R&D; Q&A\n"):
        assert decode(text).edits == [], text


def test_double_escaped_text_loses_one_level_per_run():
    # &amp;lt; is the text "&lt;" escaped once more: one decoding gives back what the page said
    assert decode("x &amp;lt; y\n").text == "x &lt; y\n"


def test_in_the_pipeline_a_decoded_nbsp_is_then_repaired_by_unicode():
    doc = Document("t", "Price:&nbsp;&#163;5 &mdash; today.\n")
    list(Pipeline([build_step("entities"), build_step("unicode")]).run([doc], ShardContext()))
    assert doc.text == "Price: £5 — today.\n"
    assert {e.rule for e in doc.edits} >= {"html:entity"}


def test_default_pipeline_runs_entities_before_unicode():
    names = [s.name for s in default_pipeline().steps]
    assert names.index("entities") < names.index("unicode")
