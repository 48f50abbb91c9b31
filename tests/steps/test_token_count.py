"""The `tokens` step: token counts from a tokenizer.json the test trains, totals in stats and the summary."""

from __future__ import annotations

import io
import pickle

import pytest
from rich.console import Console
from tiny_models import tiny_tokenizer

from thresher.commands.summary import render_summary
from thresher.document import Document
from thresher.pipeline import build_step
from thresher.stats import Stats
from thresher.steps.base import ShardContext

TEXTS = ["the study found that students read", "buy cheap pills now", "", "unknown words here, and punctuation!"]


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tok")
    return folder, tiny_tokenizer(folder)


def run(step, texts):
    ctx = ShardContext()
    docs = [Document(f"d{i}", t) for i, t in enumerate(texts)]
    return list(step.run(docs, ctx)), ctx


def test_each_document_gets_the_tokenizers_own_count_and_the_shard_the_total(tokenizer):
    folder, tok = tokenizer
    docs, ctx = run(build_step("tokens", {"tokenizer": str(folder / "tokenizer.json")}), TEXTS)
    expect = [len(tok.encode(t, add_special_tokens=False).ids) for t in TEXTS]
    assert [d.metadata["token_count"] for d in docs] == expect
    assert expect[0] == 6 and expect[3] > 4  # words and punctuation, unknown ones as [UNK]
    assert ctx.stats.tokens_counted == sum(expect)


def test_special_tokens_are_counted_only_when_asked(tokenizer):
    folder, _ = tokenizer
    plain, _ = run(build_step("tokens", {"tokenizer": str(folder)}), TEXTS[:1])
    special, _ = run(build_step("tokens", {"tokenizer": str(folder), "add_special_tokens": True}), TEXTS[:1])
    assert special[0].metadata["token_count"] == plain[0].metadata["token_count"] + 2  # [CLS] ... [SEP]


def test_dropped_documents_are_not_counted(tokenizer):
    folder, _ = tokenizer
    docs = [Document("a", "the study"), Document("b", "buy cheap pills")]
    docs[1].drop("guard", "empty")
    ctx = ShardContext()
    list(build_step("tokens", {"tokenizer": str(folder)}).run(docs, ctx))
    assert "token_count" not in docs[1].metadata and ctx.stats.tokens_counted == 2


def test_kept_tokens_add_up_across_shards_and_show_in_the_summary():
    a, b = Stats(tokens_counted=10), Stats(tokens_counted=7)
    a.kept({"token_count": 10})
    b.kept({"token_count": 3})
    b.kept({})  # a document the tokens step never saw
    total = Stats.from_dict(a.merge(b).to_dict())
    assert (total.docs_kept, total.tokens_kept, total.tokens_counted) == (3, 13, 17)
    out = io.StringIO()
    render_summary(total, 1.0, Console(file=out, width=120))
    assert "tokens: 13 kept of 17 counted" in out.getvalue()


def test_a_missing_tokenizer_file_is_refused_with_its_path(tmp_path):
    with pytest.raises(ValueError, match="nope.json"):
        build_step("tokens", {"tokenizer": str(tmp_path / "nope.json")}).setup()
    bad = tmp_path / "tokenizer.json"
    bad.write_text("{}")
    with pytest.raises(ValueError, match="not a tokenizer.json"):
        build_step("tokens", {"tokenizer": str(bad)}).setup()


def test_the_step_pickles_without_its_tokenizer(tokenizer):
    folder, _ = tokenizer
    step = build_step("tokens", {"tokenizer": str(folder)})
    step.setup()
    copy = pickle.loads(pickle.dumps(step))
    assert copy._tok is None
    docs, _ = run(copy, TEXTS[:2])
    assert [d.metadata["token_count"] for d in docs] == [6, 4]
