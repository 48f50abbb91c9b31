"""Near duplicates: MinHash LSH for documents of similar content, containment for cut-short reposts.

Steps, each writing files under the stage folder and skipped when its output exists:

1. ``sign``, one task per shard: MinHash signatures (``sig/<shard>.u32`` raw rows +
   ``.meta.parquet``), band buckets (``bands/<shard>.parquet``, sorted by fine partition, ``bucket mod FINE``)
   and anchor shingles (``anchors/<shard>.parquet``).
2. ``pairs/part-<k>.parquet``, one task per partition (a range of fine partitions holding about two
   million band rows; :mod:`thresher.steps.dedup.partitioned`): its band rows of every shard
   (row-group statistics skip the rest), grouped by (band, bucket); members of small buckets are
   paired all with all, large buckets as a star around the member whose id hashes lowest; each pair
   kept when the signatures' estimated Jaccard reaches the threshold (``verify``). A bucket lies in
   one partition, so no task holds more than its partition's rows.
3. ``containment/``: containment pairs (below), found in three partitioned passes (``_containment``).
4. ``cc/`` and ``decisions/part-<j>.parquet``: the connected components of all the edges (the
   partitions' pairs and the containment pairs), by star contraction over node partitions
   (:mod:`thresher.steps.dedup.components`: no task holds more than a partition of the edges, or
   the largest component); then each node and edge is sent to the partition of its component, and
   one task per partition of whole components decides them (the survivor rule,
   :mod:`thresher.steps.dedup.survivor`, and no chaining, :mod:`thresher.steps.dedup.cover`). A
   component's decisions depend on nothing outside it, so they are the decisions of one task over
   all edges, in any number of partitions.
5. ``report/``: a sample of removals, each with its decisive pair (the removed document, its survivor and
   the edge that decided), measured for true Jaccard and containment (``thresher dedup-report``).

Containment. A repost cut short ("the first paragraphs ... Read more at ...") has a low Jaccard
with the whole story, so banding cannot find it. Every shingle whose hash is 0 modulo
``anchor_rate`` is an *anchor* (Broder's mod-m sample: the same shingles are sampled in every
document), so ``|anchors(A) ∩ anchors(B)| / |anchors(A)|`` estimates how much of A lies in B.
Documents are joined on shared anchors, partition by partition; anchors found in more than ``max_posting`` documents are
site chrome or boilerplate: they count neither as shared nor in a document's size, so a short copy
wrapped in another site's chrome is measured by its content. A pair is a duplicate when the smaller
document has at least ``min_anchors`` such anchors and at least ``containment_threshold`` of them are
in the other. Anchors are taken only from lines of at least ``anchor_line_words`` words: titles,
menus, related links and footers are short lines, and on a page cut short they would outweigh the
few paragraphs of story it keeps.

A reprint often rewrites its lead: a short one (a new first paragraph over one or two of the
story's) then has half its anchors outside the story, and was kept beside it. So a document is
also contained when ``off_lead_threshold`` of its anchors off its *lead* (its first long line; an
anchor is the lead's when all its occurrences are there) are in the other, again over at least
``min_anchors``. Only the contained document's lead is set aside, so
a page quoting a paragraph or two of a story still covers nothing of it: the story's other
paragraphs are not in the page.

A contained document must also add little of its own. A follow-up story that reuses 60-75% of an
earlier one reaches the thresholds above, yet its new paragraphs are another story, and removing
it into the earlier one lost that story. So, under a containment of ``new_check_below``, a line of
the smaller document off its lead is *new* when under ``new_line_share`` of its anchors are in the
other, and the pair stands only if at most ``max_new_share`` of its anchors off the lead lie on new
lines. An edited or OCR-damaged line keeps more than that share of its anchors, a dropped
paragraph is not in the smaller page at all: abridged reprints still go. Anchors carry their long
line (``line``; 0 is the lead), and the containment pass counts them per line of the smaller
document, so the measure is summed over anchor partitions like the others.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import xxhash

from thresher.io.atomic import atomic_path, write_bytes_atomic
from thresher.io.store import Store, scratch_dir
from thresher.steps.corpus import CorpusStage, StageContext
from thresher.steps.dedup import survivor as surv
from thresher.steps.dedup import components, cover
from thresher.steps.dedup.clusters import Decisions, apply_decision, read_decisions_from
from thresher.steps.dedup.lsh import optimal_params
from thresher.steps.dedup.minhash import MinHasher, band_hashes, estimate_jaccard
from thresher.steps.dedup.text import UNITS
from thresher.steps.dedup.partitioned import (FAN_IN, ROW_GROUP, by_shard, choose_partitions, combine, count_rows, fine_part, parquet_bytes,
                                              parquet_files, query_table, read_partition, shard_files, write_by_partition)
from thresher.steps.dedup.store import duck, open_stage_dir, safe_name, sql_list, stage_options

if TYPE_CHECKING:  # pragma: no cover
    from thresher.document import Document

META_SCHEMA = pa.schema(
    [("part", pa.int32()), ("key", pa.int64()), ("shard", pa.string()), ("row", pa.int64()), ("id", pa.string()),
     ("length", pa.int64()), ("quality", pa.float64()), ("n_anchors", pa.int64())]
)
BANDS_SCHEMA = pa.schema([("part", pa.int32()), ("band", pa.int32()), ("bucket", pa.uint64()), ("key", pa.int64()), ("idh", pa.uint64())])
PAIRS_SCHEMA = pa.schema([("a", pa.int64()), ("b", pa.int64()), ("score", pa.float32())])
# line: the anchor's long line in its document (0: the lead; the last one it occurs on, so an anchor is
# the lead's when all its occurrences are there).
ANCHOR_SCHEMA = pa.schema([("part", pa.int32()), ("h", pa.uint64()), ("key", pa.int64()), ("line", pa.int32())])
# The containment plan's hand-off (see _containment): informative anchors per line of a document and
# shared-anchor counts per ordered pair and line of the first, by anchor partition; then per document.
INF_SCHEMA = pa.schema([("part", pa.int32()), ("key", pa.int64()), ("line", pa.int32()), ("n", pa.int64())])
SHARED_SCHEMA = pa.schema([("part", pa.int32()), ("x", pa.int64()), ("y", pa.int64()), ("line", pa.int32()), ("c", pa.int64())])
CAND_SCHEMA = pa.schema([("part", pa.int32()), ("x", pa.int64()), ("y", pa.int64()), ("score", pa.float64())])
SIZE_SCHEMA = pa.schema([("part", pa.int32()), ("key", pa.int64()), ("n_inf", pa.int64())])
# The components' hand-off (see _components): edges by their first document's partition, then
# nodes and edges by their component's partition; kind is cover.JACCARD or cover.CONTAINMENT.
EDGEP_SCHEMA = pa.schema([("part", pa.int32()), ("a", pa.int64()), ("b", pa.int64()), ("kind", pa.int8()), ("score", pa.float32())])
NODE_SCHEMA = pa.schema([("part", pa.int32()), ("label", pa.int64()), ("key", pa.int64()), ("shard", pa.string()), ("row", pa.int64()),
                         ("id", pa.string()), ("length", pa.int64()), ("quality", pa.float64())])
LEDGE_SCHEMA = pa.schema([("part", pa.int32()), ("label", pa.int64()), ("a", pa.int64()), ("b", pa.int64()), ("kind", pa.int8()),
                          ("score", pa.float32())])
NEAR_DECISIONS_SCHEMA = pa.schema(
    [("shard", pa.string()), ("row", pa.int64()), ("id", pa.string()), ("cluster_id", pa.string()), ("cluster_size", pa.int64()),
     ("survivor", pa.string()), ("removed", pa.bool_()), ("kind", pa.string()), ("score", pa.float32()), ("survivor_shard", pa.string()),
     ("survivor_row", pa.int64()), ("key", pa.int64()), ("survivor_key", pa.int64())]
)
KEYS = ("cluster_id", "cluster_size", "cluster_survivor", "near_duplicate_of")
PAIRS_SHOWN = 6  # sampled removals whose two documents `thresher report` shows side by side
EVIDENCE_KEY = "near_duplicate_evidence"  # {"kind": "jaccard" | "containment", "estimate": ...} of the deciding edge


@dataclass
class NearDedup(CorpusStage):
    name: ClassVar[str] = "near_dedup"
    CLUSTER_KEYS: ClassVar[tuple[str, str] | None] = (KEYS[1], KEYS[2])

    threshold: float = 0.7  # Jaccard similarity of shingle sets
    num_perm: int = 128
    units: str = "letters"  # shingles of "letters" (robust to OCR damage) or "words"
    letter_ngram: int = 12  # letters per shingle (units = "letters")
    letter_sample: int = 4  # signatures from one letter shingle in this many (the same ones in every document)
    ngram: int = 5  # words per shingle (units = "words")
    char_ngram: int = 5  # characters per shingle, for languages written without spaces
    seed: int = 1
    bands: int = 0  # 0: derived from threshold and num_perm (see `thresher dedup-params`)
    rows: int = 0
    fp_weight: float = 0.5
    fn_weight: float = 0.5
    verify: bool = True  # keep a candidate pair only if its estimated Jaccard reaches the threshold
    max_bucket_pairs: int = 20  # buckets with more members are linked as a star, not all pairs
    containment: bool = True
    containment_threshold: float = 0.6  # share of the smaller document's anchors found in the larger
    off_lead_threshold: float = 0.7  # ... or share of its anchors off its lead (reprints rewrite it); 0: not measured
    # A page contained by the measures above adds little of its own (bench/README, issue 16):
    new_line_share: float = 0.3  # a line of it is new when less than this share of its anchors is in the other
    max_new_share: float = 0.2  # at most this share of its anchors off its lead lie on new lines; 1: not checked
    new_check_below: float = 0.75  # ... checked only under this containment (more is a copy, whatever it adds)
    anchor_rate: int = 4  # one letter shingle in 4: enough anchors for a short page to be measured within ~0.04
    min_anchors: int = 5
    max_posting: int = 100
    anchor_line_words: int = 8  # anchors come from lines of at least this many words (0: all lines)
    survivor: list[str] = field(default_factory=lambda: list(surv.DEFAULT_RULE))
    quality_key: str = "quality_score"
    max_chars: int = 1_000_000  # a longer text is signed by its first max_chars characters (bounded memory)
    batch_chars: int = 100_000  # characters per numpy batch: big enough to amortise, small enough for cache
    duckdb_memory: str = "1GB"
    report_pairs: int = 200  # edges sampled with their true similarity for `thresher dedup-report`
    report_shards: int = 4  # ... from at most this many shards (measuring them re-reads those shards)
    partitions: int = 0  # tasks of each partitioned pass (bands, containment, components, decisions); 0: about two million rows each
    fan_in: int = FAN_IN  # files one partition's task reads at most (more are combined in groups first)

    def __post_init__(self) -> None:
        surv.validate(self.survivor)
        if (self.bands > 0) != (self.rows > 0):
            raise ValueError("set both bands and rows, or neither")
        if self.bands and self.bands * self.rows > self.num_perm:
            raise ValueError("bands * rows must not exceed num_perm")
        if self.anchor_rate < 1 or self.min_anchors < 1 or self.letter_sample < 1:
            raise ValueError("anchor_rate, min_anchors and letter_sample must be positive")
        if self.units not in UNITS:
            raise ValueError(f"units must be one of {', '.join(UNITS)}")

    def lsh(self) -> tuple[int, int]:
        """(bands, rows): as set, else from the grid search, run once per stage object."""
        return (self.bands, self.rows) if self.bands else self._lsh_searched

    @cached_property
    def _lsh_searched(self) -> tuple[int, int]:
        # Cached in the instance __dict__ (not a dataclass field: stage options and stage.json stay
        # as they were); it pickles with the stage, so workers do not search again.
        p = optimal_params(self.threshold, self.num_perm, self.fp_weight, self.fn_weight)
        return p.bands, p.rows

    def hasher(self) -> MinHasher:
        ngram = self.letter_ngram if self.units == "letters" else self.ngram
        return MinHasher(self.num_perm, ngram, self.char_ngram, self.seed, self.units)

    def signed_shingles(self, s: np.ndarray) -> np.ndarray:
        """Which shingles enter the signature: all words, one letter shingle in ``letter_sample``
        (by hash bits the permutations and anchors do not use: the same ones in every document)."""
        if self.units != "letters" or self.letter_sample == 1:
            return np.ones(len(s), bool)
        return ((s >> np.uint64(16)) % np.uint64(self.letter_sample)) == 0

    # -- prepare ---------------------------------------------------------------------------
    def can_act(self, kept_docs: int, docs: int) -> bool:
        return kept_docs >= 2  # a duplicate needs two documents

    def prepare(self, ctx: StageContext) -> None:
        d = ctx.work_dir(self.name)
        store = ctx.store(self.name)
        open_stage_dir(d, self.name, stage_options(self), ctx.shards)
        if store.exists("summary.json"):  # published last: the stage is done
            return
        bands, rows = self.lsh()  # before the workers fork: they inherit the result
        names = [safe_name(s) for s in ctx.shards]
        todo = [(self, i, s) for i, s in enumerate(ctx.shards) if not _signed(d, names[i], store)]
        seconds: dict[str, float] = {}
        t = time.perf_counter()
        ctx.map(_sign_shard, todo)
        seconds["sign"] = time.perf_counter() - t
        t = time.perf_counter()
        band_files = [f"bands/{n}.parquet" for n in names]
        parts = choose_partitions(self.partitions, count_rows(store, band_files))
        combine(ctx, self.name, band_files, self.fan_in)
        done = set(store.ls("pairs"))
        ctx.map(_pair_partition, [(self, k, parts) for k in range(parts) if f"part-{k:05d}.json" not in done])
        seconds["pairs"] = time.perf_counter() - t
        candidates = sum(orjson.loads(store.read_bytes(f"pairs/part-{k:05d}.json"))["candidates"] for k in range(parts))
        if self.containment:
            t = time.perf_counter()
            cont_files = _containment(self, ctx, names)
            seconds["containment"] = time.perf_counter() - t
        else:
            cont_files = []
        t = time.perf_counter()
        cc = _components(self, ctx, [f"pairs/part-{k:05d}.parquet" for k in range(parts)] + cont_files)
        seconds["components"] = time.perf_counter() - t
        t = time.perf_counter()
        decided = _decide_all(self, ctx, cc)
        by_shard(ctx, self.name, parquet_files(store, "decisions"), self.fan_in)
        seconds["decisions"] = time.perf_counter() - t
        # The summary and the report's sample are read here, from the decisions (they grow with the
        # duplicates, not the corpus) in one DuckDB connection within its memory_limit.
        files = [f"decisions/part-{j:05d}.parquet" for j in range(decided["partitions"])]
        _fetch(d, store, files)
        report_path = d / "report" / "pairs.parquet"
        sample: list | None = None
        with duck(d, self.duckdb_memory, ctx.threads) as con:  # closed before the report forks
            decisions = sql_list([d / f for f in files])
            if not report_path.exists():
                t = time.perf_counter()
                sample = self._report_sample(con, decisions)
                seconds["report"] = time.perf_counter() - t
            clusters, removed = con.execute(f"SELECT count(DISTINCT cluster_id), count(*) FILTER (WHERE removed) FROM read_parquet({decisions})").fetchone()
            summary = {
                "bands": bands, "rows": rows, "threshold": self.threshold, "partitions": parts,
                "containment_threshold": self.containment_threshold if self.containment else None,
                "signed": count_rows(store, [f"sig/{n}.meta.parquet" for n in names]),
                "candidates": candidates,
                "edges": {k: n for k, n in sorted(decided["edges"].items()) if n},
                "clusters": clusters,
                "removed": removed,
                # What the last phase's tasks held (their input rows and Arrow bytes, the largest task).
                "components": {k: cc[k] for k in ("rounds", "max_task_rows", "max_task_bytes")},
                "decide": {k: decided[k] for k in ("partitions", "max_task_rows", "max_task_bytes")},
            }
        # Measuring the sample forks workers: only now, with DuckDB closed (forking a process
        # with live DuckDB threads and an open cursor can deadlock the children).
        if sample is not None:
            t = time.perf_counter()
            self._report_measure(sample, report_path, ctx)
            seconds["report"] = seconds.get("report", 0.0) + time.perf_counter() - t
        summary["seconds"] = {k: round(v, 2) for k, v in seconds.items()}  # of the last run (steps it skipped are absent)
        write_bytes_atomic(d / "summary.json", orjson.dumps(summary, option=orjson.OPT_INDENT_2))
        _publish(d, store, [r for r in ("report/pairs.parquet",) if (d / r).exists()] + ["summary.json"])

    def _report_sample(self, con, decisions: str) -> list[tuple]:
        """The decisive pairs the report measures (a removed document and the survivor it was removed
        for, with the edge that decided), fetched here (the caller closes the connection before measuring);
        ``decisions`` is the SQL list of the decision files."""
        # A pseudo-random sample of removals (by hash of the ids, so the same whatever the numbering),
        # taken from at most `report_shards` shards: measuring it re-reads those shards only.
        cursor = con.execute(
            f"""SELECT r.key, r.survivor_key, r.kind,
                       CASE WHEN r.kind = 'jaccard' THEN r.score END, CASE WHEN r.kind = 'containment' THEN r.score END,
                       r.id, r.survivor, r.shard, r.survivor_shard
                FROM read_parquet({decisions}) r
                WHERE r.removed
                ORDER BY md5(r.id || chr(0) || r.survivor), r.key"""
        )
        rows: list = []
        shards: set[str] = set()
        while len(rows) < self.report_pairs:
            chunk = cursor.fetchmany(10_000)
            if not chunk:
                break
            for r in chunk:
                grown = shards | {r[7], r[8]}
                if len(grown) <= self.report_shards:
                    shards = grown
                    rows.append(r)
                    if len(rows) >= self.report_pairs:
                        break
        return rows

    def _report_measure(self, rows: list[tuple], path: Path, ctx: StageContext) -> None:
        """The sampled edges' true similarity, from the documents' shingle sets (re-read in workers)."""
        wanted: dict[str, set[int]] = {}
        for a, b, _, _, _, _, _, sa, sb in rows:
            wanted.setdefault(sa, set()).add(int(a))
            wanted.setdefault(sb, set()).add(int(b))
        idx = {s: i for i, s in enumerate(ctx.shards)}
        parts = ctx.map(_shingle_sets, [(self, idx[s], s, sorted(keys)) for s, keys in sorted(wanted.items())])
        sets: dict[int, tuple] = {}
        for part in parts:
            sets.update(part)
        out: dict[str, list] = {"a_id": [], "b_id": [], "kind": [], "est_jaccard": [], "est_containment": [], "jaccard": [], "containment": []}
        for a, b, kind, est_j, est_c, ida, idb, _, _ in rows:
            sa, sb = sets.get(int(a)), sets.get(int(b))
            if sa is None or sb is None:
                continue
            inter = len(np.intersect1d(sa[0], sb[0], assume_unique=True))
            union = len(sa[0]) + len(sb[0]) - inter
            c_inter = len(np.intersect1d(sa[1], sb[1], assume_unique=True))
            out["a_id"].append(ida)
            out["b_id"].append(idb)
            out["kind"].append(kind)
            out["est_jaccard"].append(est_j)
            out["est_containment"].append(est_c)
            out["jaccard"].append(inter / union if union else 1.0)
            # Directed, as the decision: how much of the removed document lies in its survivor
            # (with off_lead_threshold, the larger of that and the share of what is off its lead).
            cont = c_inter / max(1, len(sa[1]))
            if self.off_lead_threshold > 0 and len(sa[2]):
                cont = max(cont, len(np.intersect1d(sa[2], sb[1], assume_unique=True)) / len(sa[2]))
            out["containment"].append(cont)
        with atomic_path(path) as tmp:
            schema = pa.schema([("a_id", pa.string()), ("b_id", pa.string()), ("kind", pa.string()), ("est_jaccard", pa.float64()),
                                ("est_containment", pa.float64()), ("jaccard", pa.float64()), ("containment", pa.float64())])
            pq.write_table(pa.table(out, schema=schema), tmp)

    def shown_ids(self, ctx: StageContext) -> list[str]:
        """The first sampled removals' pairs (removed, survivor), for the report to show side by side."""
        store = ctx.store(self.name)
        if not store.exists("report/pairs.parquet"):
            return []
        with store.open("report/pairs.parquet") as f:
            table = pq.read_table(f, columns=["a_id", "b_id"]).slice(0, PAIRS_SHOWN)
        return [str(i) for a, b in zip(table.column("a_id").to_pylist(), table.column("b_id").to_pylist()) for i in (a, b)]

    # -- apply -----------------------------------------------------------------------------
    def load(self, shard: str, ctx: StageContext) -> Decisions:
        store = ctx.store(self.name)
        return read_decisions_from(store, shard_files(ctx, self.name, parquet_files(store, "decisions"), shard, self.fan_in), shard)

    def apply(self, doc: "Document", row: int, loaded: Decisions) -> None:
        apply_decision(doc, row, loaded, self.name, "near_duplicate", KEYS, EVIDENCE_KEY)


# -- helpers ------------------------------------------------------------------------------------
def _shard_files(d: Path, name: str) -> list[Path]:
    # The meta file comes last: it is written when the others are complete.
    return [d / "sig" / f"{name}.u32", d / "sig" / f"{name}.json", d / "bands" / f"{name}.parquet",
            d / "anchors" / f"{name}.parquet", d / "sig" / f"{name}.meta.parquet"]


def _signed(d: Path, name: str, store: Store) -> bool:
    if _remote(d, store):  # the meta file is published last: it vouches for the others
        return store.exists(f"sig/{name}.meta.parquet")
    return all(p.exists() for p in _shard_files(d, name))


# -- the hand-off between machines ---------------------------------------------------------------
# DuckDB and the signature memmaps work on local files, so a task works in the local folder
# ctx.work_dir(); when the job's storage is elsewhere (an s3:// output, tasks on other Ray nodes),
# what a task writes is published to ctx.store() and what it needs is fetched from there first.
def _remote(d: Path, store: Store) -> bool:
    local = store.local_path()
    return local is None or local.resolve() != d.resolve()


def _publish(d: Path, store: Store, rels: list[str]) -> None:
    if _remote(d, store):
        for rel in rels:
            store.put_file(d / rel, rel)


def _fetch(d: Path, store: Store, rels: list[str]) -> None:
    if not _remote(d, store):
        return
    for rel in rels:
        target = d / rel
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(target) as tmp, store.open(rel) as src, open(tmp, "wb") as dst:
                while chunk := src.read(1 << 22):
                    dst.write(chunk)


def _shard_rels(name: str) -> list[str]:
    """A shard's files relative to the stage folder, the meta file (its completion mark) last."""
    return [f"sig/{name}.u32", f"sig/{name}.json", f"bands/{name}.parquet", f"anchors/{name}.parquet", f"sig/{name}.meta.parquet"]


class _Signatures:
    """Signature rows by key, from the per-shard raw files (memory-mapped, opened on first use)."""

    def __init__(self, d: Path, shards: list[str], store: Store) -> None:
        self.d, self.shards, self.store = d, shards, store
        self.maps: dict[int, np.ndarray | None] = {}
        self.num_perm = 0

    def _map(self, idx: int) -> np.ndarray | None:
        if idx not in self.maps:
            name = safe_name(self.shards[idx])
            _fetch(self.d, self.store, [f"sig/{name}.json", f"sig/{name}.u32"])
            info = orjson.loads((self.d / "sig" / f"{name}.json").read_bytes())
            self.num_perm = info["num_perm"]
            self.maps[idx] = (np.memmap(self.d / "sig" / f"{name}.u32", dtype=np.uint32, mode="r", shape=(info["count"], info["num_perm"]))
                              if info["count"] else None)
        return self.maps[idx]

    def get(self, keys: np.ndarray) -> np.ndarray:
        shard = keys >> 32
        row = keys & 0xFFFFFFFF
        found = {int(s): self._map(int(s)) for s in np.unique(shard).tolist()}
        out = np.empty((len(keys), self.num_perm), dtype=np.uint32)
        for s, m_ in found.items():
            m = shard == s
            out[m] = m_[row[m]]
        return out


def _containment(stage: NearDedup, ctx: StageContext, names: list[str]) -> list[str]:
    """Directed containment edges, partitioned three times so that no task holds the corpus's anchors.

    Anchors in more than ``max_posting`` documents (site chrome, stock phrases) count neither as
    shared nor in a document's size: containment is of the content.

    1. By anchor (``anchor mod FINE``): an anchor's postings are all in one partition, so each task
       knows which anchors are informative; it writes, per document and line, how many informative
       anchors it has there, and, per ordered pair of documents sharing one and line of the first,
       how many they share there.
    2. By the first document of a pair (all its lines are in the same partition): its counts summed
       over the anchor partitions give its informative size and each pair's shared count; x is
       contained in y when at least ``min_anchors`` and ``containment_threshold`` of x's informative
       anchors are in y (or ``off_lead_threshold`` of those off its lead), and x adds few lines of
       its own (``max_new_share``).
    3. By the containing document: a pair stands when y, too, has ``min_anchors`` informative
       anchors (as one join over the whole corpus would have required).
    Steps 2 and 3 partition by document key through :func:`components.node_part` (a hash), not
    ``key mod FINE``: a key's low bits are its row in its shard, so shards of fewer than FINE
    documents would all land in the first partitions.
    Returns the edge files (relative to the stage folder), one per partition of step 3."""
    store = ctx.store(stage.name)
    anchors = [f"anchors/{n}.parquet" for n in names]
    a_parts = choose_partitions(stage.partitions, count_rows(store, anchors))
    combine(ctx, stage.name, anchors, stage.fan_in)
    done = set(store.ls("containment"))
    ctx.map(_anchor_partition, [(stage, k, a_parts) for k in range(a_parts) if f"a-{k:05d}.done" not in done])
    shared = [f"containment/shared-{k:05d}.parquet" for k in range(a_parts)]
    b_parts = choose_partitions(stage.partitions, count_rows(store, shared))
    combine(ctx, stage.name, [f"containment/inf-{k:05d}.parquet" for k in range(a_parts)], stage.fan_in)
    combine(ctx, stage.name, shared, stage.fan_in)
    ctx.map(_pair_counts, [(stage, j, b_parts, a_parts) for j in range(b_parts) if f"b-{j:05d}.done" not in done])
    cands = [f"containment/cand-{j:05d}.parquet" for j in range(b_parts)]
    c_parts = choose_partitions(stage.partitions, count_rows(store, cands))
    combine(ctx, stage.name, [f"containment/size-{j:05d}.parquet" for j in range(b_parts)], stage.fan_in)
    combine(ctx, stage.name, cands, stage.fan_in)
    ctx.map(_contained_edges, [(stage, i, c_parts, b_parts) for i in range(c_parts) if f"c-{i:05d}.done" not in done])
    return [f"containment/edges-{i:05d}.parquet" for i in range(c_parts)]


def _anchor_partition(ctx: StageContext, item: tuple[NearDedup, int, int]) -> int:
    stage, k, parts = item
    store = ctx.store(stage.name)
    a = read_partition(store, [f"anchors/{safe_name(s)}.parquet" for s in ctx.shards], k, parts, ANCHOR_SCHEMA, fan_in=stage.fan_in)
    mp = int(stage.max_posting)
    con_q = f"""
        WITH post AS (SELECT h, count(*) AS n FROM a GROUP BY h),
        x AS (SELECT a.h, a.key, a.line, post.n FROM a JOIN post USING (h) WHERE post.n <= {mp})"""
    # By line of x (the document contained; line 0 is its lead): step 2 sums them per document, and
    # per line to tell the lines of x that y lacks.
    inf = query_table("a", a, con_q + " SELECT key, line, count(*) AS n FROM x GROUP BY key, line", stage.duckdb_memory, "near-a")
    inf = pa.table({"part": components.node_part(inf.column("key").to_numpy()), "key": inf.column("key"), "line": inf.column("line"),
                    "n": inf.column("n")}, schema=INF_SCHEMA)
    sh = query_table("a", a, con_q + """, y AS (SELECT h, key, line FROM x WHERE n >= 2)
        SELECT y1.key AS x, y2.key AS y, y1.line, count(*) AS c
        FROM y y1 JOIN y y2 ON y1.h = y2.h AND y1.key <> y2.key
        GROUP BY y1.key, y2.key, y1.line""", stage.duckdb_memory, "near-a")
    sh = pa.table({"part": components.node_part(sh.column("x").to_numpy()), "x": sh.column("x"), "y": sh.column("y"), "line": sh.column("line"),
                   "c": sh.column("c")}, schema=SHARED_SCHEMA)
    write_by_partition(store, f"containment/inf-{k:05d}.parquet", inf)
    write_by_partition(store, f"containment/shared-{k:05d}.parquet", sh)
    store.write_bytes(f"containment/a-{k:05d}.done", b"")
    return sh.num_rows


def _pair_counts(ctx: StageContext, item: tuple[NearDedup, int, int, int]) -> int:
    stage, j, parts, a_parts = item
    store = ctx.store(stage.name)
    inf = read_partition(store, [f"containment/inf-{k:05d}.parquet" for k in range(a_parts)], j, parts, INF_SCHEMA, fan_in=stage.fan_in)
    sh = read_partition(store, [f"containment/shared-{k:05d}.parquet" for k in range(a_parts)], j, parts, SHARED_SCHEMA, fan_in=stage.fan_in)
    thr, mina = float(stage.containment_threshold), int(stage.min_anchors)
    from thresher.steps.dedup.store import duck

    with duck(Path(scratch_dir()) / f"thresher-near-b-{os.getpid()}", stage.duckdb_memory, 1) as con:
        con.register("inf", inf)
        con.register("sh", sh)
        # n_rest, shared_rest: the same counts without the lead's anchors (of x, the document contained).
        con.execute(f"""CREATE TEMP TABLE size AS SELECT key, sum(n) AS n_inf, coalesce(sum(n) FILTER (WHERE line > 0), 0) AS n_rest
                        FROM inf GROUP BY key HAVING sum(n) >= {mina}""")
        size = con.sql("SELECT key, n_inf FROM size").to_arrow_table()
        # Contained: the share of x's anchors in y, or the share of x's anchors off its lead
        # (off_lead_threshold), each over at least min_anchors; the score is the larger share that holds.
        whole = f"p.shared >= {thr} * size.n_inf"
        lead_thr = float(stage.off_lead_threshold)
        rest = f"(size.n_rest >= {mina} AND p.shared_rest >= {lead_thr} * size.n_rest)" if lead_thr > 0 else "false"
        con.execute(f"""CREATE TEMP TABLE cand AS
            WITH p AS (SELECT x, y, sum(c) AS shared, coalesce(sum(c) FILTER (WHERE line > 0), 0) AS shared_rest
                       FROM sh SEMI JOIN size ON size.key = sh.x GROUP BY x, y
                       HAVING sum(c) >= {mina * (min(thr, lead_thr) if lead_thr > 0 else thr)})
            SELECT p.x, p.y, size.n_rest, greatest(CASE WHEN {whole} THEN p.shared / size.n_inf ELSE 0 END,
                                                   CASE WHEN {rest} THEN p.shared_rest / size.n_rest ELSE 0 END) AS score
            FROM p JOIN size ON size.key = p.x
            WHERE {whole} OR {rest}""")
        if stage.max_new_share < 1:
            # ... and, under new_check_below, x adds little of its own: a line of x off its lead is
            # *new* when under new_line_share of its anchors are in y, and at most max_new_share of
            # x's anchors off its lead may lie on new lines. A follow-up story that reuses most of
            # another but adds paragraphs is not contained in it; an abridged, edited or damaged
            # reprint has no line that much changed.
            lt, mx = float(stage.new_line_share), float(stage.max_new_share)
            cand = con.sql(f"""
                WITH weak AS (SELECT x, y, n_rest FROM cand WHERE score < {float(stage.new_check_below)}),
                lines AS (SELECT key, line, sum(n) AS n FROM inf SEMI JOIN weak ON weak.x = inf.key WHERE line > 0 GROUP BY key, line),
                found AS (SELECT sh.x, sh.y, sh.line, sum(sh.c) AS c FROM sh SEMI JOIN weak ON weak.x = sh.x AND weak.y = sh.y
                          WHERE sh.line > 0 GROUP BY sh.x, sh.y, sh.line),
                adds AS (SELECT weak.x, weak.y FROM weak JOIN lines l ON l.key = weak.x
                         LEFT JOIN found f ON f.x = weak.x AND f.y = weak.y AND f.line = l.line
                         WHERE coalesce(f.c, 0) < {lt} * l.n GROUP BY weak.x, weak.y, weak.n_rest HAVING sum(l.n) > {mx} * weak.n_rest)
                SELECT cand.x, cand.y, cand.score FROM cand ANTI JOIN adds ON adds.x = cand.x AND adds.y = cand.y""").to_arrow_table()
        else:
            cand = con.sql("SELECT x, y, score FROM cand").to_arrow_table()
    size = pa.table({"part": components.node_part(size.column("key").to_numpy()), "key": size.column("key"),
                     "n_inf": size.column("n_inf").cast(pa.int64())}, schema=SIZE_SCHEMA)
    cand = pa.table({"part": components.node_part(cand.column("y").to_numpy()), "x": cand.column("x"), "y": cand.column("y"),
                     "score": cand.column("score").cast(pa.float64())}, schema=CAND_SCHEMA)
    write_by_partition(store, f"containment/size-{j:05d}.parquet", size)
    write_by_partition(store, f"containment/cand-{j:05d}.parquet", cand)
    store.write_bytes(f"containment/b-{j:05d}.done", b"")
    return cand.num_rows


def _contained_edges(ctx: StageContext, item: tuple[NearDedup, int, int, int]) -> int:
    stage, i, parts, b_parts = item
    store = ctx.store(stage.name)
    size = read_partition(store, [f"containment/size-{j:05d}.parquet" for j in range(b_parts)], i, parts, SIZE_SCHEMA, fan_in=stage.fan_in)
    cand = read_partition(store, [f"containment/cand-{j:05d}.parquet" for j in range(b_parts)], i, parts, CAND_SCHEMA, fan_in=stage.fan_in)
    from thresher.steps.dedup.store import duck

    with duck(Path(scratch_dir()) / f"thresher-near-c-{os.getpid()}", stage.duckdb_memory, 1) as con:
        con.register("size", size)
        con.register("cand", cand)
        edges = con.sql("SELECT x, y, score FROM cand SEMI JOIN size ON size.key = cand.y ORDER BY x, y").to_arrow_table()
    store.write_bytes(f"containment/edges-{i:05d}.parquet", parquet_bytes(edges))
    store.write_bytes(f"containment/c-{i:05d}.done", b"")
    return edges.num_rows


# -- the last phase: components of the edges, then decisions per group of whole components ----------
def _components(stage: NearDedup, ctx: StageContext, sources: list[str]) -> dict:
    """Connected components of all edges (:mod:`thresher.steps.dedup.components`), with no task
    holding more than a partition of them: each edge file (a band partition's pairs, a containment
    partition's edges) is rewritten by the partition of its first document (``cc/edges/``) and as
    undirected rows of the graph (``cc/g-000/``), then contracted into stars."""
    store = ctx.store(stage.name)
    done = set(store.ls("cc/edges"))
    ctx.map(_scatter_edges, [(stage, i, rel, len(sources)) for i, rel in enumerate(sources) if f"part-{i:05d}.json" not in done])
    return {**components.contract(ctx, stage.name, "cc", len(sources), stage.partitions, stage.duckdb_memory, stage.fan_in),
            "sources": len(sources)}


def _scatter_edges(ctx: StageContext, item: tuple[NearDedup, int, str, int]) -> int:
    stage, i, rel, n = item
    store = ctx.store(stage.name)
    with store.open(rel) as f:
        t = pq.read_table(f)
    contained = "x" in t.column_names  # containment edges (x in y), else a band partition's pairs (a, b)
    a = t.column("x" if contained else "a").to_numpy().astype(np.int64)
    b = t.column("y" if contained else "b").to_numpy().astype(np.int64)
    edges = pa.table({"part": components.node_part(a), "a": a, "b": b,
                      "kind": np.full(len(a), cover.CONTAINMENT if contained else cover.JACCARD, np.int8),
                      "score": t.column("score").cast(pa.float32())}, schema=EDGEP_SCHEMA)
    write_by_partition(store, f"cc/edges/part-{i:05d}.parquet", edges)
    write_by_partition(store, components.round_files("cc", 0, n)[i], components.adjacency(a, b))
    store.write_bytes(f"cc/edges/part-{i:05d}.json", b"{}")  # last: done
    return len(a)


def _decide_all(stage: NearDedup, ctx: StageContext, cc: dict) -> dict:
    """Each node's component joined to its document (``cc/nodes/``) and each edge to its component
    (``cc/ledges/``), both by the partition of the component; then one task per partition of whole
    components decides them (``decisions/part-<j>.parquet``).

    Memory. An attach task holds one node partition: its rows of the final graph, of the edges (by
    their first document) and of every document's meta, the partitions counted so that the larger
    of the graph and the meta has about ``ROWS_PER_PARTITION`` rows per task. A decide task holds
    the nodes (one meta row each) and edges of the components hashed to it, sized the same way; a
    component is never split, so the largest component is the floor. DuckDB's ``duckdb_memory``
    bounds the joins and sorts beside them (spilling to local scratch)."""
    store = ctx.store(stage.name)
    meta_rows = count_rows(store, [f"sig/{safe_name(s)}.meta.parquet" for s in ctx.shards])
    a_parts = choose_partitions(stage.partitions, max(meta_rows, count_rows(store, cc["files"])))
    combine(ctx, stage.name, [f"sig/{safe_name(s)}.meta.parquet" for s in ctx.shards], stage.fan_in)
    combine(ctx, stage.name, [f"cc/edges/part-{i:05d}.parquet" for i in range(cc["sources"])], stage.fan_in)
    combine(ctx, stage.name, cc["files"], stage.fan_in)
    done = set(store.ls("cc/nodes"))
    ctx.map(_attach, [(stage, k, a_parts, cc["sources"], cc["round"], len(cc["files"])) for k in range(a_parts) if f"part-{k:05d}.json" not in done])
    d_parts = choose_partitions(stage.partitions, count_rows(store, [f"cc/{kind}/part-{k:05d}.parquet" for kind in ("nodes", "ledges")
                                                                     for k in range(a_parts)]))
    for kind in ("nodes", "ledges"):
        combine(ctx, stage.name, [f"cc/{kind}/part-{k:05d}.parquet" for k in range(a_parts)], stage.fan_in)
    done = set(store.ls("decisions"))
    ctx.map(_decide, [(stage, j, d_parts, a_parts) for j in range(d_parts) if f"part-{j:05d}.json" not in done])
    reports = [orjson.loads(store.read_bytes(f"decisions/part-{j:05d}.json")) for j in range(d_parts)]
    return {"partitions": d_parts, "edges": {k: sum(r["edges"][k] for r in reports) for k in cover.KINDS},
            "max_task_rows": max(r["rows"] for r in reports), "max_task_bytes": max(r["bytes"] for r in reports)}


def _attach(ctx: StageContext, item: tuple[NearDedup, int, int, int, int, int]) -> int:
    """Partition ``k`` of the documents with an edge: their component label, their document's meta,
    their edges (by the edge's first document), written by the partition of the label."""
    stage, k, parts, n_src, r_final, n_final = item
    store = ctx.store(stage.name)
    labels = components.labels(store, components.round_files("cc", r_final, n_final), k, parts, stage.duckdb_memory, stage.fan_in)
    edges = read_partition(store, [f"cc/edges/part-{i:05d}.parquet" for i in range(n_src)], k, parts, EDGEP_SCHEMA, fan_in=stage.fan_in)
    meta = read_partition(store, [f"sig/{safe_name(s)}.meta.parquet" for s in ctx.shards], k, parts, META_SCHEMA, fan_in=stage.fan_in)
    with duck(Path(scratch_dir()) / f"thresher-near-cc-{os.getpid()}", stage.duckdb_memory, 1) as con:
        for name, table in (("labels", labels), ("edges", edges), ("meta", meta)):
            con.register(name, table)
        nodes = con.sql("SELECT l.label, m.key, m.shard, m.row, m.id, m.length, m.quality FROM labels l JOIN meta m USING (key)").to_arrow_table()
        ledges = con.sql("SELECT l.label, e.a, e.b, e.kind, e.score FROM edges e JOIN labels l ON l.key = e.a").to_arrow_table()
    if nodes.num_rows != labels.num_rows or ledges.num_rows != edges.num_rows:  # a document of an edge with no signature: a bug
        raise RuntimeError(f"near_dedup: partition {k}: {labels.num_rows} nodes, {nodes.num_rows} signed; {edges.num_rows} edges, {ledges.num_rows} labelled")

    def by_label(t: pa.Table, schema: pa.Schema) -> pa.Table:
        part = components.node_part(t.column("label").to_numpy())
        return pa.table({"part": part, **{f.name: t.column(f.name).cast(f.type) for f in schema if f.name != "part"}}, schema=schema)

    write_by_partition(store, f"cc/nodes/part-{k:05d}.parquet", by_label(nodes, NODE_SCHEMA))
    write_by_partition(store, f"cc/ledges/part-{k:05d}.parquet", by_label(ledges, LEDGE_SCHEMA))
    store.write_bytes(f"cc/nodes/part-{k:05d}.json", b"{}")  # last: done
    return nodes.num_rows


def _decide(ctx: StageContext, item: tuple[NearDedup, int, int, int]) -> dict:
    """No chaining: the documents of partition ``j``'s components in survivor order, each removed only
    for a kept document that covers it (:mod:`thresher.steps.dedup.cover`). A component lies whole in
    one partition and its decisions depend on nothing outside it, so they are those of one pass over
    all edges."""
    stage, j, parts, n_attach = item
    store = ctx.store(stage.name)
    nodes = read_partition(store, [f"cc/nodes/part-{k:05d}.parquet" for k in range(n_attach)], j, parts, NODE_SCHEMA, fan_in=stage.fan_in)
    ledges = read_partition(store, [f"cc/ledges/part-{k:05d}.parquet" for k in range(n_attach)], j, parts, LEDGE_SCHEMA, fan_in=stage.fan_in)
    with duck(Path(scratch_dir()) / f"thresher-near-d-{os.getpid()}", stage.duckdb_memory, 1) as con:
        con.register("meta", nodes)
        con.register("ledges", ledges)
        # A pair whose documents share buckets in two bands was found in two band partitions: once.
        edges = con.sql("SELECT DISTINCT a, b, kind, score FROM ledges").to_arrow_table()
        a = edges.column("a").to_numpy().astype(np.int64)
        b = edges.column("b").to_numpy().astype(np.int64)
        kind = edges.column("kind").to_numpy().astype(np.int8)
        score = edges.column("score").to_numpy().astype(np.float32)
        jac = kind == cover.JACCARD  # a Jaccard edge covers both ways; containment (a in b) one way
        covered = np.concatenate([a, b[jac]])
        coverer = np.concatenate([b, a[jac]])
        ranked = con.execute(f"SELECT key FROM meta ORDER BY {surv.order_by(stage.survivor)}").fetchnumpy()["key"]
        res = cover.decide(ranked, covered, coverer, np.concatenate([kind, kind[jac]]), np.concatenate([score, score[jac]]))
        con.register("_removed", pa.table({"key": pa.array(res["key"], pa.int64()), "survivor_key": pa.array(res["survivor"], pa.int64()),
                                           "kind": pa.array([cover.KINDS[k] for k in res["kind"].tolist()], pa.string()),
                                           "score": pa.array(res["score"].astype(np.float32), pa.float32())}))
        decisions = con.sql("""
            WITH m AS (SELECT key, survivor_key, kind, score, true AS removed FROM _removed
                       UNION ALL SELECT DISTINCT survivor_key AS key, survivor_key, NULL AS kind, NULL AS score, false AS removed FROM _removed),
            r AS (SELECT m.*, count(*) OVER (PARTITION BY survivor_key) AS cluster_size FROM m)
            SELECT x.shard, x.row, x.id, substr(md5(s.id), 1, 16) AS cluster_id, r.cluster_size, s.id AS survivor, r.removed,
                   r.kind, r.score, s.shard AS survivor_shard, s.row AS survivor_row, r.key, r.survivor_key
            FROM r JOIN meta x ON x.key = r.key JOIN meta s ON s.key = r.survivor_key
            ORDER BY x.shard, x.row""").to_arrow_table().cast(NEAR_DECISIONS_SCHEMA)
    store.write_bytes(f"decisions/part-{j:05d}.parquet", parquet_bytes(decisions, ROW_GROUP))  # small groups: see by_shard
    report = {"edges": {cover.KINDS[k]: int((kind == k).sum()) for k in (cover.JACCARD, cover.CONTAINMENT)},
              "rows": nodes.num_rows + ledges.num_rows, "bytes": nodes.nbytes + ledges.nbytes}
    store.write_bytes(f"decisions/part-{j:05d}.json", orjson.dumps(report))  # last: done
    return report


#: Candidate pairs verified at a time (their signatures in memory: 64k x 2 x num_perm x 4 bytes).
VERIFY_SLICE = 1 << 16


def _pair_partition(ctx: StageContext, item: tuple[NearDedup, int, int]) -> int:
    """Candidate pairs of one band partition, verified on their signatures."""
    stage, k, parts = item
    d = ctx.work_dir(stage.name)
    store = ctx.store(stage.name)
    b = read_partition(store, [f"bands/{safe_name(s)}.parquet" for s in ctx.shards], k, parts, BANDS_SCHEMA, fan_in=stage.fan_in)
    # Small buckets: every pair. Large ones: a star around the member whose id hashes lowest, so the
    # result does not depend on how documents were numbered.
    query = f"""
        WITH g AS (
          SELECT band, bucket, count(*) AS n, min({{'idh': idh, 'key': key}}).key AS root
          FROM b GROUP BY band, bucket HAVING count(*) > 1),
        m AS (SELECT b.band, b.bucket, b.key, g.n, g.root FROM b JOIN g USING (band, bucket))
        SELECT DISTINCT least(a, b) AS a, greatest(a, b) AS b FROM (
          SELECT x.key AS a, y.key AS b FROM m x JOIN m y
            ON x.band = y.band AND x.bucket = y.bucket AND x.key < y.key
            WHERE x.n <= {int(stage.max_bucket_pairs)}
          UNION ALL
          SELECT root AS a, key AS b FROM m WHERE n > {int(stage.max_bucket_pairs)} AND key <> root)
        ORDER BY a, b"""
    cand = query_table("b", b, query, stage.duckdb_memory, "near")
    a_ = cand.column("a").to_numpy().astype(np.int64)
    b_ = cand.column("b").to_numpy().astype(np.int64)
    est = np.zeros(len(a_), np.float32)
    if len(a_):
        sigs = _Signatures(d, list(ctx.shards), store)
        # In slices: both sides' signatures of every candidate at once grow with the candidates
        # (num_perm x 8 bytes a pair: 1.9 GB of a 1M-page task here), a slice's stay the same.
        for i in range(0, len(a_), VERIFY_SLICE):
            j = i + VERIFY_SLICE
            est[i:j] = estimate_jaccard(sigs.get(a_[i:j]), sigs.get(b_[i:j]))
    keep = est >= stage.threshold if stage.verify else np.ones(len(a_), bool)
    pairs = pa.table({"a": a_[keep], "b": b_[keep], "score": est[keep]}, schema=PAIRS_SCHEMA)
    store.write_bytes(f"pairs/part-{k:05d}.parquet", parquet_bytes(pairs))
    store.write_bytes(f"pairs/part-{k:05d}.json", orjson.dumps({"candidates": len(a_), "pairs": int(keep.sum())}))  # last: done
    return len(a_)


def _sign_shard(ctx: StageContext, item: tuple[NearDedup, int, str]) -> int:
    stage, shard_idx, shard = item
    d = ctx.work_dir(stage.name)
    name = safe_name(shard)
    sig_path, _, _, _, meta_path = _shard_files(d, name)
    bands, rows = stage.lsh()
    hasher = stage.hasher()
    rate, one = np.uint64(stage.anchor_rate), np.uint64(1)
    power_of_two = stage.anchor_rate & (stage.anchor_rate - 1) == 0  # a mask is much cheaper than uint64 modulo
    count = 0
    band_ids = np.arange(bands, dtype=np.int32)
    band_cols: dict[str, list[np.ndarray]] = {"band": [], "bucket": [], "key": [], "idh": []}  # a shard's: bounded
    meta_cols: dict[str, list] = {f.name: [] for f in META_SCHEMA if f.name != "part"}  # a shard's: bounded
    with atomic_path(sig_path) as sig_tmp, open(sig_tmp, "wb") as sig_out:
        anchor_cols: dict[str, list[np.ndarray]] = {"h": [], "key": [], "line": []}  # a shard's: bounded
        batch: list = []  # (row, id, text, language, quality, length)
        size = 0

        def flush() -> None:
            nonlocal count, batch, size
            if not batch:
                return
            s, doc, on_long_line, line = hasher.shingles([b[2] for b in batch], [b[3] for b in batch], stage.anchor_line_words, lines=True)
            signed = stage.signed_shingles(s)
            nonempty = np.bincount(doc[signed], minlength=len(batch)) > 0 if signed.any() else np.zeros(len(batch), bool)
            sig = hasher.from_shingles(s[signed], doc[signed], len(batch))[nonempty]
            keep_idx = np.flatnonzero(nonempty)
            keys = (np.int64(shard_idx) << np.int64(32)) | (count + np.arange(len(keep_idx), dtype=np.int64))
            key_of = np.full(len(batch), -1, dtype=np.int64)
            key_of[keep_idx] = keys
            # Anchors: shingles on long lines whose hash is 0 mod anchor_rate, once per document.
            am = (((s & (rate - one)) if power_of_two else (s % rate)) == 0) & on_long_line
            ah, ad, al = s[am], doc[am], line[am]
            order = np.lexsort((ah, ad))
            ah, ad, al = ah[order], ad[order], al[order]
            first = np.ones(len(ah), bool)
            first[1:] = (ah[1:] != ah[:-1]) | (ad[1:] != ad[:-1])
            # An anchor's line is the last it occurs on: it is the lead's when every occurrence is there.
            al = np.maximum.reduceat(al, np.flatnonzero(first)) if len(al) else al
            ah, ad = ah[first], ad[first]
            signed_doc = key_of[ad] >= 0  # a text too short to have a signed shingle is not compared
            ah, ad, al = ah[signed_doc], ad[signed_doc], al[signed_doc]
            n_anchors = np.bincount(ad, minlength=len(batch))
            sig_out.write(np.ascontiguousarray(sig).tobytes())
            bh = band_hashes(sig, bands, rows)
            kept = [batch[i] for i in keep_idx.tolist()]
            idh = np.fromiter((xxhash.xxh3_64_intdigest(b[1].encode("utf-8", "surrogatepass")) for b in kept), dtype=np.uint64, count=len(kept))
            band_cols["band"].append(np.tile(band_ids, len(keys)))
            band_cols["bucket"].append(bh.reshape(-1))
            band_cols["key"].append(np.repeat(keys, bands))
            band_cols["idh"].append(np.repeat(idh, bands))
            anchor_cols["h"].append(ah)
            anchor_cols["key"].append(key_of[ad])
            anchor_cols["line"].append(al)
            for k, v in (("key", keys.tolist()), ("shard", [shard] * len(keys)), ("row", [b[0] for b in kept]), ("id", [b[1] for b in kept]),
                         ("length", [b[5] for b in kept]), ("quality", [b[4] for b in kept]), ("n_anchors", n_anchors[keep_idx].tolist())):
                meta_cols[k] += v
            count += len(keys)
            batch, size = [], 0

        for row, doc in enumerate(ctx.docs(shard, upto=stage.name)):
            if not doc.kept:
                continue
            text = doc.text
            length = len(text)
            if stage.max_chars and length > stage.max_chars:
                text = text[: stage.max_chars]
            batch.append((row, doc.id, text, doc.metadata.get("language"), surv.quality_of(doc.metadata, stage.quality_key), length))
            size += len(text)
            if size >= stage.batch_chars:
                flush()
        flush()
    cols = {k: np.concatenate(v) if v else np.zeros(0, BANDS_SCHEMA.field(k).type.to_pandas_dtype()) for k, v in band_cols.items()}
    cols["part"] = fine_part(cols["bucket"])
    write_by_partition(Store(str(d)), f"bands/{name}.parquet", pa.table({f.name: cols[f.name] for f in BANDS_SCHEMA}, schema=BANDS_SCHEMA))
    ah = np.concatenate(anchor_cols["h"]) if anchor_cols["h"] else np.zeros(0, np.uint64)
    akey = np.concatenate(anchor_cols["key"]) if anchor_cols["key"] else np.zeros(0, np.int64)
    aline = np.concatenate(anchor_cols["line"]) if anchor_cols["line"] else np.zeros(0, np.int32)
    write_by_partition(Store(str(d)), f"anchors/{name}.parquet", pa.table({"part": fine_part(ah), "h": ah, "key": akey, "line": aline}, schema=ANCHOR_SCHEMA))
    write_bytes_atomic(d / "sig" / f"{name}.json", orjson.dumps({"count": count, "num_perm": stage.num_perm}))
    # The meta file is the shard's completion marker: written last. Sorted by the partition of its
    # key as a node of the components, so that their partition's task reads only its documents' rows.
    meta = pa.table({"part": components.node_part(np.asarray(meta_cols["key"], np.int64)),
                     **{k: pa.array(v, type=META_SCHEMA.field(k).type) for k, v in meta_cols.items()}}, schema=META_SCHEMA)
    write_bytes_atomic(meta_path, parquet_bytes(meta.sort_by([("part", "ascending")]), ROW_GROUP))
    _publish(d, ctx.store(stage.name), _shard_rels(name))
    return count


def _shingle_sets(ctx: StageContext, item: tuple[NearDedup, int, str, list[int]]) -> dict[int, tuple]:
    """Exact shingle sets of the documents with these keys: all, on long lines, and on long lines
    off the lead (the report's true Jaccard, and true containment measured on the same kind of
    lines as the anchors, with and without the lead)."""
    stage, shard_idx, shard, keys = item
    d = ctx.work_dir(stage.name)
    _fetch(d, ctx.store(stage.name), [f"sig/{safe_name(shard)}.meta.parquet"])
    meta = pq.read_table(d / "sig" / f"{safe_name(shard)}.meta.parquet", columns=["key", "row"])
    row_of = dict(zip(meta.column("key").to_pylist(), meta.column("row").to_pylist()))
    want = {row_of[k]: k for k in keys if k in row_of}
    hasher = stage.hasher()
    out: dict[int, np.ndarray] = {}
    for row, doc in enumerate(ctx.docs(shard, upto=stage.name)):
        if row in want:
            s, _, on_long_line, line = hasher.shingles([doc.text], [doc.metadata.get("language")], stage.anchor_line_words, lines=True)
            out[want[row]] = (np.unique(s), np.unique(s[on_long_line]), np.unique(s[on_long_line & (line != 0)]))
    return out
