"""The `decontam` corpus stage: evaluation sets the tests write, overlapping spans removed and named,
documents mostly made of a benchmark dropped, bounded memory, a whole run through the CLI."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from thresher.cli import main
from thresher.document import Document
from thresher.pipeline import build, CORPUS_STAGES
from thresher.run.job import apply_stage
from thresher.run.outputs import JobOutput
from thresher.stats import Stats
from thresher.steps.decontam.ngrams import ngram_hashes, words
from thresher.steps.decontam.stage import HASHES, SAMPLES

QUESTION = "Which of the following best describes the function of the mitochondria in a eukaryotic cell during respiration"
ANSWER = "It converts the chemical energy of glucose into adenosine triphosphate through oxidative phosphorylation steps"
FILLER = ("The city council met on Tuesday to discuss the new budget for parks and public libraries across the region. "
          "Residents asked for longer opening hours and more benches near the river. ")


class Ctx:
    """The part of thresher.steps.corpus.StageContext this stage uses."""

    def __init__(self, root: Path) -> None:
        self.root, self.shards, self.threads = root, ["s0"], 1

    def work_dir(self, stage: str) -> Path:
        d = self.root / "_work" / stage
        d.mkdir(parents=True, exist_ok=True)
        return d


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    data = b"".join(orjson.dumps(r) + b"\n" for r in rows)
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


@pytest.fixture()
def evalsets(tmp_path):
    mmlu = write_jsonl(tmp_path / "mmlu_test.jsonl.gz", [
        {"id": "bio-17", "question": QUESTION, "choices": ["A", "B", ANSWER, "D"]},
        {"id": "short-1", "question": "too short to match"},
    ])
    table = pa.table({"idx": ["g-3"], "text": ["Natalia sold clips to forty eight of her friends in April and then she sold half as many clips in May"]})
    pq.write_table(table, tmp_path / "gsm8k.parquet")
    return [str(mmlu), str(tmp_path / "gsm8k.parquet")]


def run_stage(tmp_path, evalsets, texts, **options):
    stage = build(CORPUS_STAGES, "corpus stage", "decontam", {"eval_sets": evalsets, **options})
    ctx = Ctx(tmp_path)
    stage.prepare(ctx)
    stats = Stats()
    docs = list(apply_stage(stage, (Document(f"d{i}", t) for i, t in enumerate(texts)), "s0", ctx, stats))
    return docs, stats, ctx


def test_a_copied_question_is_removed_from_a_page_as_an_edit_naming_benchmark_and_sample(tmp_path, evalsets):
    text = FILLER + "Quiz: " + QUESTION.upper() + "? " + FILLER
    docs, stats, _ = run_stage(tmp_path, evalsets, [text, FILLER])
    page = docs[0]
    assert page.kept and docs[1].kept and docs[1].edits == []
    assert [e.rule for e in page.edits] == ["decontam:mmlu_test:bio-17"]
    assert "mitochondria" not in page.text.lower() and page.text.startswith(FILLER + "Quiz: ")
    assert "respiration" not in page.text.lower() and page.text.endswith(FILLER)  # case and punctuation never hide it
    assert stats.edits_by_rule == {"decontam:mmlu_test:bio-17": 1}


def test_an_answer_choice_inside_a_list_field_is_found_too(tmp_path, evalsets):
    docs, _, _ = run_stage(tmp_path, evalsets, [FILLER + ANSWER + ". " + FILLER])
    assert [e.rule for e in docs[0].edits] == ["decontam:mmlu_test:bio-17"]


def test_a_page_mostly_made_of_a_benchmark_is_dropped_with_the_benchmark_named(tmp_path, evalsets):
    text = "Natalia sold clips to forty-eight of her friends in April, and then she sold half as many clips in May. How many?"
    docs, stats, _ = run_stage(tmp_path, evalsets, [text])
    assert not docs[0].kept and docs[0].verdict.reason == "decontam:gsm8k"
    # the Parquet set has no "id" column: its samples are named <file>:<record number>
    assert docs[0].verdict.detail == "21 of 23 words from gsm8k sample(s) gsm8k.parquet:1"
    assert stats.dropped_by_reason == {"decontam:gsm8k": 1}


def test_twelve_shared_words_are_not_an_overlap_at_n_13(tmp_path, evalsets):
    twelve = " ".join(QUESTION.split()[:12])
    docs, _, _ = run_stage(tmp_path, evalsets, [FILLER + twelve + ". " + FILLER])
    assert docs[0].kept and docs[0].edits == []
    docs, _, _ = run_stage(tmp_path / "n12", evalsets, [FILLER + twelve + ". " + FILLER], n=12)
    assert len(docs[0].edits) == 1


def test_the_index_holds_the_evaluation_sets_only_and_counts_samples_too_short(tmp_path, evalsets):
    _, _, ctx = run_stage(tmp_path, evalsets, [FILLER * 50] * 20)  # the corpus never reaches the index
    d = ctx.work_dir("decontam")
    meta = orjson.loads((d / SAMPLES).read_bytes())
    assert meta["benchmarks"]["mmlu_test"] == {"samples": 2, "too_short": 1, "ngrams": (17 - 12) + (14 - 12)}
    assert meta["benchmarks"]["gsm8k"]["samples"] == 1
    hashes = np.load(d / HASHES)
    assert len(hashes) == meta["unique_ngrams"] == (17 - 12) + (14 - 12) + (21 - 12)
    assert (np.diff(hashes.astype(np.float64)) >= 0).all()


def test_ngram_hashes_ignore_case_and_punctuation_and_depend_on_word_order():
    a = ngram_hashes(words("The Cat, sat!")[0], 3)
    assert len(a) == 1 and a[0] == ngram_hashes(words("the cat sat")[0], 3)[0]
    assert a[0] != ngram_hashes(words("cat the sat")[0], 3)[0]
    assert len(ngram_hashes(words("two words")[0], 3)) == 0


def test_a_missing_or_broken_evaluation_set_stops_the_stage_with_its_path(tmp_path):
    with pytest.raises(ValueError, match="eval_sets"):
        build(CORPUS_STAGES, "corpus stage", "decontam", {})
    stage = build(CORPUS_STAGES, "corpus stage", "decontam", {"eval_sets": [str(tmp_path / "missing.jsonl")]})
    with pytest.raises(ValueError, match="missing.jsonl"):
        stage.prepare(Ctx(tmp_path))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "fine"}\nnot json\n')
    stage = build(CORPUS_STAGES, "corpus stage", "decontam", {"eval_sets": [str(bad)]})
    with pytest.raises(ValueError, match="bad.jsonl:2 is not JSON"):
        stage.prepare(Ctx(tmp_path / "b"))


def test_a_clean_run_with_decontam_removes_the_overlap_and_counts_it(tmp_path, evalsets):
    rows = [{"id": "page", "text": FILLER + "\n" + QUESTION + "?\n" + FILLER}, {"id": "other", "text": FILLER + "\nMore news later."}]
    write_jsonl(tmp_path / "in.jsonl", rows)
    cfg = tmp_path / "cfg.toml"
    cfg.write_text(f'replace = true\n[[step]]\nname = "guard"\n\n[[corpus]]\nname = "decontam"\neval_sets = {orjson.dumps(evalsets).decode()}\n')
    out = tmp_path / "out"
    assert main(["clean", str(tmp_path / "in.jsonl"), "-o", str(out), "--config", str(cfg)]) == 0
    job = JobOutput(str(out))
    kept = {r["id"]: r for r in job.kept()}
    assert set(kept) == {"page", "other"} and "mitochondria" not in kept["page"]["text"]
    assert job.stats()["edits_by_rule"] == {"decontam:mmlu_test:bio-17": 1}
    # a second run over the same folder resumes: nothing is redone, the outputs stay the same
    assert main(["clean", str(tmp_path / "in.jsonl"), "-o", str(out), "--config", str(cfg)]) == 0
    assert {r["id"]: r["text"] for r in JobOutput(str(out)).kept()} == {k: v["text"] for k, v in kept.items()}
