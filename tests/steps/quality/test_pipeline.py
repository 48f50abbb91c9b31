"""How the rule sets sit in thresher: salvage on the seed, language gate, shared view,
no-repair mode, bad input."""

import pytest

from thresher.document import Document, Edit
from thresher.pipeline import Pipeline, build_step, default_pipeline, load_config
from thresher.steps.base import ShardContext
from thresher.steps.quality import REPAIR_STEPS, no_repair_pipeline
from thresher.steps.quality.view import view_for

RULE_SETS = ["gopher_repetition", "gopher_quality", "c4", "fineweb"]


def run(pipe, doc):
    list(pipe.run([doc], ShardContext()))
    return doc


def test_default_pipeline_runs_the_rule_sets_after_repair():
    names = [e["name"] for e in load_config()["step"] if e.get("enabled", True)]
    for name in RULE_SETS:
        assert name in names
        assert names.index(name) > names.index("boilerplate")


def test_seed_fails_raw_and_is_kept_after_repair(seed_page):
    raw = seed_page.read_text(encoding="utf-8")
    # On the raw page Gopher repetition and FineWeb drop the article (8 paragraphs printed twice).
    for name, reason in [("gopher_repetition", "gopher_repetition:"), ("fineweb", "fineweb:")]:
        doc = run(Pipeline([build_step(name)]), Document("seed", raw))
        assert not doc.kept and doc.verdict.reason.startswith(reason)
    assert not run(no_repair_pipeline(), Document("seed", raw)).kept
    # After repair (salvage) every rule set keeps it.
    doc = run(default_pipeline(), Document("seed", raw))
    assert doc.kept, doc.verdict
    signals = doc.metadata["signals"]
    assert signals["gopher_repetition.dup_line_frac"] == 0
    assert signals["fineweb.char_dup_ratio"] == 0
    assert signals["gopher_quality.word_count"] > 200


def test_no_repair_pipeline_leaves_out_only_repair_steps():
    names = [s.name for s in no_repair_pipeline().steps]
    assert not REPAIR_STEPS & set(names)
    assert all(n in names for n in RULE_SETS)


def test_languages_without_thresholds_are_not_judged_but_get_signals():
    text = "Habari fupi. " * 5  # Swahili: no thresholds of its own
    step = build_step("gopher_quality")
    doc = run(Pipeline([step]), Document("sw", text, metadata={"language": "sw"}))
    assert doc.kept
    assert doc.metadata["signals"]["gopher_quality.not_judged"] == "language:sw"
    assert "gopher_quality.word_count" in doc.metadata["signals"]
    assert not run(Pipeline([step]), Document("en", text, metadata={"language": "en"})).kept
    assert not run(Pipeline([step]), Document("none", text)).kept  # no language known: judged
    assert not run(Pipeline([build_step("gopher_quality", {"languages": ["*"]})]), Document("sw", text, metadata={"language": "sw"})).kept
    # a language with thresholds of its own is judged unless the step is told otherwise
    zh = "短い。" * 5
    assert not run(Pipeline([step]), Document("zh", zh, metadata={"language": "zh"})).kept
    only_en = build_step("gopher_quality", {"languages": ["en"]})
    doc = run(Pipeline([only_en]), Document("zh", zh, metadata={"language": "zh"}))
    assert doc.kept and doc.metadata["signals"]["gopher_quality.not_judged"] == "language:zh"


LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.\n"
    "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip.\n"
    "Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat.\n"
)


def test_lorem_ipsum_is_dropped_whatever_the_language_tag():
    # lid.176 tags placeholder Latin "la"; the English-only gate must not let it through c4.
    step = build_step("c4")
    doc = run(Pipeline([step]), Document("lorem", LOREM, metadata={"language": "la"}))
    assert not doc.kept and doc.verdict.reason == "c4:lorem_ipsum"
    # a Latin page without the placeholder phrase is still not judged
    latin = LOREM.replace("Lorem ipsum", "Gallia est")
    doc = run(Pipeline([step]), Document("latin", latin, metadata={"language": "la"}))
    assert doc.kept and doc.metadata["signals"]["c4.not_judged"] == "language:la"


def test_default_pipeline_drops_lorem_ipsum():
    doc = run(default_pipeline(), Document("lorem", LOREM * 3))
    assert doc.metadata["language"] == "la"
    assert not doc.kept and doc.verdict.reason == "c4:lorem_ipsum"


def test_cjk_word_counts_make_sense():
    step = build_step("gopher_quality")
    s = step.score(Document("zh", "今天天气很好，我们去公园散步。"))
    assert s["gopher_quality.word_count"] == 13  # one per Han character, marks not counted


def test_steps_share_one_view_until_the_text_changes():
    ctx = ShardContext()
    doc = Document("d", "Some text here. And more text.")
    v1 = view_for(doc, ctx)
    assert view_for(doc, ctx) is v1
    _ = v1.tokens
    doc.apply([Edit(0, 5, "test")])
    v2 = view_for(doc, ctx)
    assert v2 is not v1 and v2.text == "text here. And more text."
    assert view_for(Document("e", "Other."), ctx) is not v2


BAD = {
    "binary": bytes(range(256)).decode("latin-1") * 40,
    "controls": "\x00\x01\x02\ufffd\ufffd" * 1000,
    "5mb_line_of_words": "word " * 1_000_000,
    "5mb_one_token": "x" * 5_000_000,
    "whitespace": " \n\t  \n ",
    "empty": "",
    "brackets": "{" * 1000,
    "ellipses": "...\n" * 1000,
    "astral": "\U0001F600" * 1000,
    "lone_surrogates": "text \ud800 more \udfff. " * 100,
}


@pytest.mark.parametrize("text", list(BAD.values()), ids=list(BAD))
def test_bad_input_never_raises(text):
    for name in RULE_SETS:
        doc = run(Pipeline([build_step(name)]), Document("bad", text))
        assert not (doc.verdict.reason or "").startswith("error:"), (name, doc.verdict)
