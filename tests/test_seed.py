"""The founding example: the seed page through the default pipeline comes out exactly as expected,
text and metadata, and every change on the way carries a rule name."""

import json

from thresher.document import Document
from thresher.pipeline import default_pipeline
from thresher.steps.base import ShardContext

SEED = "000_7829b123e079136c"


def run_seed(shared_data):
    seed_dir = shared_data / "seed"
    doc = Document(SEED, (seed_dir / f"{SEED}.txt").read_text(encoding="utf-8"))
    ctx = ShardContext()
    [out] = list(default_pipeline().run([doc], ctx))
    return out, ctx, seed_dir


def test_seed_text_is_exactly_the_expected_text(shared_data):
    out, _, seed_dir = run_seed(shared_data)
    assert out.kept, out.verdict
    assert out.text == (seed_dir / f"{SEED}.expected.txt").read_text(encoding="utf-8")


def test_seed_metadata_carries_the_image_credit(shared_data):
    out, _, seed_dir = run_seed(shared_data)
    expected = json.loads((seed_dir / f"{SEED}.expected-metadata.json").read_text(encoding="utf-8"))
    for key, value in expected.items():
        assert out.metadata.get(key) == value


def test_seed_changes_are_named_by_their_rules(shared_data):
    out, ctx, _ = run_seed(shared_data)
    by_rule = {}
    for e in out.edits:
        by_rule.setdefault(e.rule, []).append(out.original[e.start : e.end])
    assert by_rule["boilerplate:image_credit"] == ["©\nSputnik/ Alexei Druzhinin\n"]
    assert by_rule["unwrap:dangling_word"] == ["\n"]  # "On" / "Monday, ..."
    assert by_rule["unwrap:hard_wrap"] == ["\n", "\n"]
    assert len(by_rule["repeats:block"]) == 1  # the eight repeated paragraphs, one edit
    assert by_rule["repeats:block"][0].count("\n") == 8
    # The comment widget's removal absorbed the final newline the page lacked.
    assert by_rule["boilerplate:comment_widget"] == ["No comments:\nPost a Comment"]
    assert ctx.stats.chars_by_rule["repeats:block"] > 1000


def test_cleaning_the_clean_seed_again_changes_nothing(shared_data):
    out, _, _ = run_seed(shared_data)
    [again] = list(default_pipeline().run([Document("again", out.text)], ShardContext()))
    assert again.kept and again.edits == [] and again.text == out.text
