"""What ``thresher report`` draws, gathered while a job writes its documents, so that the report
never reads the corpus again: a 1M-page job's report reads a few small files.

Per shard, from each document as it reaches ``kept/`` or ``rejected/``:

* a histogram of every numeric quality signal (``metadata["signals"]``), split into documents kept,
  dropped by a rule on that signal, and dropped for another reason, on one fixed grid of bins
  (:data:`EDGES`) so that shards add up bin by bin;
* documents, kept documents, kept characters and kept tokens by language;
* cluster sizes of each deduplication stage, each cluster counted once (by its survivor);
* a sample of documents per drop reason, per edit rule (of kept documents) and of kept documents:
  the ``k`` whose id hashes lowest (a bottom-k sample: uniform, the same on every run, and two
  shards' samples merge into the sample of both). Their trace records, cut to :data:`SHOW_CHARS`,
  go to a small file beside the shard's stats; the profile keeps only which shard holds which.

The job sums the shards' profiles into ``profile.json``.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from thresher.document import Document


def _grid() -> tuple[float, ...]:
    # Fractions (most signals) get 0.02-wide bins, finer near 0 where a threshold of 0.01 sits;
    # counts and ratios above 1 get ten bins a decade (1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8), on
    # which the usual thresholds (2 stop words, 50 or 100,000 words, 3 or 10 characters) fall.
    edges = [0.0, 0.0025, 0.005, 0.0075, 0.01, 0.015] + [round(0.02 * i, 2) for i in range(1, 50)]
    for exp in range(0, 13):
        edges += [m * 10**exp for m in (1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8)]
    return tuple(edges)


#: Lower edges of the histogram bins: bin ``i`` holds values in ``[EDGES[i], EDGES[i + 1])``; the
#: last bin is open above; bin ``-1`` holds negative values.
EDGES: tuple[float, ...] = _grid()

#: Documents sampled per drop reason, per rule and of the kept ones (the report shows up to this many).
SAMPLE_K = 5
#: A sampled document is kept to this many characters: a 5 MB page would bury the report.
SHOW_CHARS = 6000

#: The histogram's three kinds of document.
KINDS = ("kept", "rule", "other")


def bin_of(value: float) -> int:
    return -1 if value < 0 else bisect.bisect_right(EDGES, value) - 1


def sample_hash(doc_id: str) -> str:
    """Where a document falls in every bottom-k sample: a hash of its id (hex, fixed width)."""
    return hashlib.blake2b(doc_id.encode("utf-8", "replace"), digest_size=8).hexdigest()


def sample_record(doc: Document) -> dict[str, Any]:
    """A document as the report shows it: the original (cut to SHOW_CHARS), the edits inside the
    cut, the verdict and its language."""
    original = doc.original
    edits = [e.to_list() for e in doc.edits]
    more = 0
    if len(original) > SHOW_CHARS:
        more = len(original) - SHOW_CHARS
        original = original[:SHOW_CHARS]
        edits = [e for e in edits if e[1] <= SHOW_CHARS]
    return {"id": doc.id, "original": original, "more_chars": more, "edits": edits,
            "verdict": doc.verdict.to_dict(), "language": doc.metadata.get("language")}


@dataclass
class Profile:
    #: signal -> {"kept"|"rule"|"other": Counter(bin -> documents)}
    histograms: dict = field(default_factory=dict)
    #: signal -> [min, max] of the values seen
    ranges: dict = field(default_factory=dict)
    #: the quality rules: {"reason", "signal", "op", "threshold"} each (the same for every shard)
    rules: list = field(default_factory=list)
    docs_by_language: Counter = field(default_factory=Counter)
    kept_by_language: Counter = field(default_factory=Counter)
    chars_by_language: Counter = field(default_factory=Counter)  # of the kept text
    tokens_by_language: Counter = field(default_factory=Counter)  # kept, where the tokens step counted
    #: stage -> Counter(cluster size -> clusters)
    clusters: dict = field(default_factory=dict)
    #: sample key ("dropped:<reason>", "rule:<rule>", "kept") -> [[hash, shard, id], ...], lowest hashes
    samples: dict = field(default_factory=dict)
    #: documents a corpus stage asked to be shown whole (duplicate pairs): id -> shard
    shown: dict = field(default_factory=dict)

    def merge(self, other: "Profile") -> "Profile":
        for sig, kinds in other.histograms.items():
            mine = self.histograms.setdefault(sig, {})
            for kind, counts in kinds.items():
                mine.setdefault(kind, Counter()).update(counts)
        for sig, (lo, hi) in other.ranges.items():
            have = self.ranges.get(sig)
            self.ranges[sig] = [lo, hi] if have is None else [min(have[0], lo), max(have[1], hi)]
        if not self.rules:
            self.rules = list(other.rules)
        self.docs_by_language.update(other.docs_by_language)
        self.kept_by_language.update(other.kept_by_language)
        self.chars_by_language.update(other.chars_by_language)
        self.tokens_by_language.update(other.tokens_by_language)
        for stage, sizes in other.clusters.items():
            self.clusters.setdefault(stage, Counter()).update(sizes)
        for key, entries in other.samples.items():
            self.samples[key] = heapq.nsmallest(SAMPLE_K, self.samples.get(key, []) + [list(e) for e in entries])
        self.shown.update(other.shown)
        return self

    def to_dict(self) -> dict:
        return {
            "edges": list(EDGES),
            "rules": self.rules,
            "histograms": {s: {k: {str(b): n for b, n in sorted(c.items())} for k, c in kinds.items()}
                           for s, kinds in sorted(self.histograms.items())},
            "ranges": dict(sorted(self.ranges.items())),
            "docs_by_language": dict(self.docs_by_language.most_common()),
            "kept_by_language": dict(self.kept_by_language.most_common()),
            "chars_by_language": dict(self.chars_by_language.most_common()),
            "tokens_by_language": dict(self.tokens_by_language.most_common()),
            "clusters": {st: {str(s): n for s, n in sorted(c.items())} for st, c in self.clusters.items()},
            "samples": dict(sorted(self.samples.items())),
            "shown": dict(sorted(self.shown.items())),
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Profile":
        if d.get("edges") is not None and list(d["edges"]) != list(EDGES):
            raise ValueError("profile written on another grid of bins")
        return cls(
            histograms={s: {k: Counter({int(b): n for b, n in c.items()}) for k, c in kinds.items()}
                        for s, kinds in d.get("histograms", {}).items()},
            ranges={s: list(r) for s, r in d.get("ranges", {}).items()},
            rules=list(d.get("rules", [])),
            docs_by_language=Counter(d.get("docs_by_language", {})),
            kept_by_language=Counter(d.get("kept_by_language", {})),
            chars_by_language=Counter(d.get("chars_by_language", {})),
            tokens_by_language=Counter(d.get("tokens_by_language", {})),
            clusters={st: Counter({int(s): n for s, n in c.items()}) for st, c in d.get("clusters", {}).items()},
            samples={k: [list(e) for e in v] for k, v in d.get("samples", {}).items()},
            shown=dict(d.get("shown", {})),
        )


#: Where a language is unknown (the lang step did not run, or the page was dropped before it).
NO_LANGUAGE = "(none)"


class Profiler:
    """Builds one shard's :class:`Profile` from its documents as they are written.

    ``rules`` are the pipeline's quality rules (see :meth:`thresher.pipeline.Pipeline.rules`);
    ``cluster_keys`` maps a dedup stage to the metadata fields that carry its cluster size and
    survivor; ``shown_ids`` the documents to keep whole for the report (see
    :meth:`thresher.steps.corpus.CorpusStage.shown_ids`)."""

    def __init__(self, shard: str, rules: list[dict], cluster_keys: dict[str, tuple[str, str]],
                 shown_ids: frozenset[str] = frozenset()) -> None:
        self.shard = shard
        self.profile = Profile(rules=list(rules))
        self._signal_of = {r["reason"]: r["signal"] for r in rules}
        self._cluster_keys = cluster_keys
        # key -> heap of (-hash, id): the k lowest hashes, the highest on top to be pushed out
        self._heaps: dict[str, list[tuple[int, str]]] = {}
        self._records: dict[str, dict] = {}
        self._shown_ids = shown_ids
        self._shown: dict[str, dict] = {}

    def add(self, doc: Document) -> None:
        p = self.profile
        md = doc.metadata
        lang = md.get("language") if isinstance(md.get("language"), str) and md.get("language") else NO_LANGUAGE
        p.docs_by_language[lang] += 1
        if doc.kept:
            p.kept_by_language[lang] += 1
            p.chars_by_language[lang] += len(doc.text)
            n = md.get("token_count")
            if isinstance(n, int) and not isinstance(n, bool):
                p.tokens_by_language[lang] += n
        self._signals(doc)
        for stage, (size_key, survivor_key) in self._cluster_keys.items():
            size = md.get(size_key)
            if isinstance(size, int) and md.get(survivor_key) == doc.id:
                p.clusters.setdefault(stage, Counter())[size] += 1
        self._sample(doc)
        if doc.id in self._shown_ids:
            self._shown[doc.id] = sample_record(doc)
            p.shown[doc.id] = self.shard

    def _signals(self, doc: Document) -> None:
        signals = doc.metadata.get("signals")
        if not isinstance(signals, dict):
            return
        kind = "kept" if doc.kept else "other"
        rule_signal = None if doc.kept else self._signal_of.get(doc.verdict.reason or "")
        hist, ranges = self.profile.histograms, self.profile.ranges
        # about 40 signals a page: plain lookups, no object made per value
        for sig, value in signals.items():
            if not isinstance(value, (int, float)) or (isinstance(value, float) and not math.isfinite(value)):
                continue
            by_kind = hist.get(sig)
            if by_kind is None:
                by_kind = hist[sig] = {}
            k = "rule" if sig == rule_signal else kind
            counts = by_kind.get(k)
            if counts is None:
                counts = by_kind[k] = Counter()
            b = bisect.bisect_right(EDGES, value) - 1 if value >= 0 else -1
            counts[b] = counts.get(b, 0) + 1
            r = ranges.get(sig)
            if r is None:
                ranges[sig] = [value, value]
            elif value < r[0]:
                r[0] = value
            elif value > r[1]:
                r[1] = value

    def _sample(self, doc: Document) -> None:
        if doc.kept:
            keys = ["kept", *{f"rule:{e.rule}" for e in doc.edits}] if doc.changed else ["kept"]
        else:
            keys = [f"dropped:{doc.verdict.reason or 'unknown'}"]
        entry = (-int(sample_hash(doc.id), 16), doc.id)  # a min-heap of negated hashes keeps the k lowest
        for key in keys:
            heap = self._heaps.get(key)
            if heap is None:
                heap = self._heaps[key] = []
            if len(heap) < SAMPLE_K:
                heapq.heappush(heap, entry)
            elif entry > heap[0]:
                heapq.heapreplace(heap, entry)
            else:
                continue
            if doc.id not in self._records:
                self._records[doc.id] = sample_record(doc)
        if len(self._records) > 4 * SAMPLE_K * len(self._heaps):  # drop the records pushed out of every sample
            held = {doc_id for heap in self._heaps.values() for _, doc_id in heap}
            self._records = {k: v for k, v in self._records.items() if k in held}

    def finish(self) -> tuple[Profile, list[dict]]:
        """The shard's profile and the trace records of its sampled documents."""
        wanted: set[str] = set()
        for key, heap in self._heaps.items():
            entries = sorted((format(-neg, "016x"), doc_id) for neg, doc_id in heap)
            self.profile.samples[key] = [[h, self.shard, doc_id] for h, doc_id in entries]
            wanted.update(doc_id for _, doc_id in entries)
        records = [rec for doc_id, rec in self._records.items() if doc_id in wanted]
        return self.profile, records + [rec for doc_id, rec in self._shown.items() if doc_id not in wanted]
