"""Benchmark decontamination: remove from the corpus the text it shares with evaluation sets.

A corpus stage (after deduplication, so each story is checked once). ``prepare`` reads the
evaluation sets the user gives (``eval_sets``: files, see :mod:`thresher.steps.decontam.evalsets`)
and writes the hashes of all their word ``n``-grams (13 by default, as GPT-3 and dolma's
decontamination), sorted, with the sample each one came from, under the stage's work folder: the
memory the stage needs is that of the evaluation sets (8 bytes per n-gram plus 4 for its sample),
never the corpus'. Lookups are exact over 64-bit hashes (false hits: N / 2^64 per corpus n-gram for
N evaluation n-grams; see :mod:`thresher.steps.decontam.ngrams`).

Then, per document: every run of words covered by n-grams found in an evaluation set is removed
as an edit named ``decontam:<benchmark>:<sample id>`` (the sample of the run's first n-gram); a
document whose covered words are at least ``drop_share`` of its words is dropped instead, reason
``decontam:<benchmark>``, the detail naming up to five sample ids. Samples shorter than ``n`` words
cannot be matched and are counted in ``evalsets.json`` beside the hashes (``too_short``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import orjson

from thresher.document import Edit
from thresher.io.atomic import write_bytes_atomic
from thresher.steps.corpus import CorpusStage, StageContext
from thresher.steps.decontam.evalsets import benchmark_name, read_samples
from thresher.steps.decontam.ngrams import ngram_hashes, words
from thresher.steps.dedup.store import open_stage_dir, stage_options

if TYPE_CHECKING:  # pragma: no cover
    from thresher.document import Document

HASHES = "ngrams.npy"
SAMPLE_OF = "sample_of.npy"
SAMPLES = "evalsets.json"


@dataclass
class EvalIndex:
    hashes: np.ndarray  # sorted unique uint64
    sample_of: np.ndarray  # int32: the first sample each hash was seen in
    samples: list[tuple[str, str]]  # (benchmark, sample id)

    def lookup(self, h: np.ndarray) -> np.ndarray:
        """For each hash: the index of its sample, or -1."""
        if len(self.hashes) == 0 or len(h) == 0:
            return np.full(len(h), -1, dtype=np.int64)
        pos = np.searchsorted(self.hashes, h)
        pos[pos == len(self.hashes)] = 0
        found = self.hashes[pos] == h
        return np.where(found, self.sample_of[pos], -1)


@dataclass
class Decontaminate(CorpusStage):
    name: ClassVar[str] = "decontam"

    #: Evaluation set files (JSONL, .jsonl.gz/.zst, Parquet, .txt: one sample per record / line).
    eval_sets: list[str] = field(default_factory=list)
    #: Words per n-gram.
    n: int = 13
    #: Drop a document when this share of its words or more is covered by evaluation n-grams.
    drop_share: float = 0.5
    #: Fields of a record holding the sample's text (empty: every string field but the id).
    fields: list[str] = field(default_factory=list)
    id_field: str = "id"

    def __post_init__(self) -> None:
        if not self.eval_sets:
            raise ValueError("decontam: set eval_sets (files of evaluation samples: JSONL, Parquet or text)")
        if int(self.n) < 1:
            raise ValueError(f"decontam: n must be positive, got {self.n!r}")
        if not 0.0 < float(self.drop_share) <= 1.0:
            raise ValueError(f"decontam: drop_share must be in (0, 1], got {self.drop_share!r}")
        names = [benchmark_name(p) for p in self.eval_sets]
        if len(set(names)) != len(names):
            raise ValueError(f"decontam: two evaluation sets share a name ({', '.join(names)}): rename one")

    def prepare(self, ctx: StageContext) -> None:
        d = ctx.work_dir(self.name)
        open_stage_dir(d, self.name, stage_options(self), list(ctx.shards))
        if (d / SAMPLES).exists():
            return  # written last: the index is whole
        build_index(self, d)

    def load(self, shard: str, ctx: StageContext) -> EvalIndex:
        d = ctx.work_dir(self.name)
        meta = orjson.loads((d / SAMPLES).read_bytes())
        return EvalIndex(np.load(d / HASHES, mmap_mode="r"), np.load(d / SAMPLE_OF, mmap_mode="r"), [tuple(s) for s in meta["samples"]])

    def apply(self, doc: "Document", row: int, loaded: EvalIndex) -> None:
        spans = self.find(doc.text, loaded)
        if not spans:
            return
        n_words = spans[0][4]
        covered = sum(s[3] for s in spans)
        doc.metadata["decontam_words"] = covered
        if covered >= self.drop_share * n_words:
            by_bench: dict[str, int] = {}
            for s in spans:
                by_bench[loaded.samples[s[2]][0]] = by_bench.get(loaded.samples[s[2]][0], 0) + s[3]
            bench = max(sorted(by_bench), key=by_bench.__getitem__)  # the benchmark covering most words
            ids = sorted({loaded.samples[s[2]][1] for s in spans if loaded.samples[s[2]][0] == bench})
            doc.drop(self.name, f"{self.name}:{bench}", f"{covered} of {n_words} words from {bench} sample(s) {', '.join(ids[:5])}")
            return
        edits: list[Edit] = []
        for start, end, sample, _, _ in spans:
            bench, sid = loaded.samples[sample]
            edits.append(Edit(start, end, f"{self.name}:{bench}:{sid}"))
        doc.apply(edits)

    def find(self, text: str, index: EvalIndex) -> list[tuple[int, int, int, int, int]]:
        """Runs of words covered by evaluation n-grams: (start, end, sample, words, words in text)."""
        ws, starts, ends = words(text)
        hits = index.lookup(ngram_hashes(ws, self.n))
        matched = np.flatnonzero(hits >= 0)
        if len(matched) == 0:
            return []
        runs = []
        first = last = int(matched[0])  # n-gram indices of the current run
        for i in matched[1:].tolist():
            if i <= last + self.n:  # overlapping or touching n-grams make one run
                last = i
            else:
                runs.append((first, last))
                first = last = i
        runs.append((first, last))
        return [
            (int(starts[a]), int(ends[b + self.n - 1]), int(hits[a]), b + self.n - a, len(ws))
            for a, b in runs
        ]


def build_index(stage: Decontaminate, d: Path) -> None:
    """Hash every n-gram of every evaluation sample; write them sorted, with their samples."""
    chunks: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    samples: list[tuple[str, str]] = []
    per_set: dict[str, dict[str, int]] = {}
    for path in stage.eval_sets:
        if not Path(path).is_file():
            raise ValueError(f"decontam: evaluation set {path!r} not found")
        bench = benchmark_name(path)
        counts = per_set.setdefault(bench, {"samples": 0, "too_short": 0, "ngrams": 0})
        for sid, texts in read_samples(path, stage.fields, stage.id_field):
            counts["samples"] += 1
            hashes = [ngram_hashes(words(t)[0], stage.n) for t in texts]
            total = sum(len(h) for h in hashes)
            if not total:
                counts["too_short"] += 1
                continue
            idx = len(samples)
            samples.append((bench, sid))
            for h in hashes:
                if len(h):
                    chunks.append(h)
                    owners.append(np.full(len(h), idx, dtype=np.int32))
            counts["ngrams"] += total
    h = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.uint64)
    o = np.concatenate(owners) if owners else np.zeros(0, dtype=np.int32)
    order = np.argsort(h, kind="stable")  # stable: a shared n-gram keeps its first sample
    h, o = h[order], o[order]
    keep = np.ones(len(h), dtype=bool)
    keep[1:] = h[1:] != h[:-1]
    for name, arr in ((HASHES, h[keep]), (SAMPLE_OF, o[keep])):
        tmp = d / f".{name}.tmp-build"
        with open(tmp, "wb") as f:
            np.save(f, arr)
        tmp.replace(d / name)
    meta: dict[str, Any] = {"n": stage.n, "unique_ngrams": int(keep.sum()), "benchmarks": per_set, "samples": samples}
    write_bytes_atomic(d / SAMPLES, orjson.dumps(meta))
