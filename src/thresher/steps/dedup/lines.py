"""Lines repeated across many documents: site chrome and templates a single page cannot reveal.

Counting is a partitioned plan (:mod:`thresher.steps.dedup.partitioned`), every task on the job's
executor and every file on the job's storage: one task per shard writes the 64-bit hashes of its
documents' distinct normalised lines, sorted by partition (``lines/<shard>.parquet``, with its
document count in ``lines/<shard>.json``); one task per partition counts in how many documents each
of its lines occurs and keeps those at or above the threshold (``frequent/part-<k>.parquet``). A line's
hash decides its partition, so no count spans two. Apply removes those lines as edits
with rule ``corpus_repeated_line``, the most widespread first, never more than
``max_removed_share`` of a page's characters (a page made mostly of such lines keeps the rest).

Normalisation: case-folded, digits mapped to 0 ("Page 2 of 5" and "Page 3 of 5" are one template),
whitespace collapsed. Like CCNet's paragraph deduplication, but a line must be frequent, not merely
seen twice, so a story quoted by two sites keeps its text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import xxhash

from thresher.document import Edit
from thresher.steps.corpus import CorpusStage, StageContext
from thresher.steps.dedup.partitioned import (FAN_IN, choose_partitions, combine, count_rows, fine_part, parquet_bytes, parquet_files,
                                              query_table, read_partition, write_by_partition)
from thresher.steps.dedup.store import open_stage_store, safe_name, stage_options

if TYPE_CHECKING:  # pragma: no cover
    from thresher.document import Document

RULE = "corpus_repeated_line"
LINE_SCHEMA = pa.schema([("part", pa.int32()), ("h", pa.uint64())])
_DIGITS = re.compile(r"\d+")
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def normalise_line(line: str) -> str:
    return " ".join(_DIGITS.sub("0", line.casefold()).split())


def line_hash(line: str) -> int | None:
    norm = normalise_line(line)
    return xxhash.xxh3_64_intdigest(norm.encode("utf-8", "surrogatepass")) if norm else None


def doc_line_hashes(text: str) -> set[int]:
    return {h for h in map(line_hash, text.split("\n")) if h is not None}


@dataclass
class RepeatedLines(CorpusStage):
    name: ClassVar[str] = "repeated_lines"

    min_docs: int = 20  # a line must occur in at least this many documents ...
    min_share: float = 0.0  # ... and in at least this share of all (kept) documents
    max_removed_share: float = 0.5  # never remove more than this share of a page's characters
    duckdb_memory: str = "1GB"

    def __post_init__(self) -> None:
        if self.min_docs < 2:
            raise ValueError("min_docs must be at least 2 (a line in one document is not repeated)")
        if not 0.0 <= self.max_removed_share <= 1.0:
            raise ValueError("max_removed_share must be between 0 and 1")

    #: Partitions of the counting (tasks); 0: enough for about two million line hashes each.
    partitions: int = 0
    #: Files one partition's task reads at most (more are combined in groups first).
    fan_in: int = FAN_IN

    def can_act(self, kept_docs: int, docs: int) -> bool:
        return kept_docs >= self.min_docs  # no line can be in min_docs of fewer documents

    def prepare(self, ctx: StageContext) -> None:
        store = ctx.store(self.name)
        open_stage_store(store, self.name, stage_options(self), ctx.shards)
        if store.exists("summary.json"):
            return
        names = [safe_name(s) for s in ctx.shards]
        have = set(store.ls("lines"))
        ctx.map(_count_shard, [(self, s) for s, n in zip(ctx.shards, names) if f"{n}.json" not in have])
        lines = [f"lines/{n}.parquet" for n in names]
        parts = choose_partitions(self.partitions, count_rows(store, lines))
        combine(ctx, self.name, lines, self.fan_in)
        n_docs = sum(orjson.loads(store.read_bytes(f"lines/{n}.json"))["docs"] for n in names)
        need = max(self.min_docs, math.ceil(self.min_share * n_docs))
        have = set(store.ls("frequent"))
        ctx.map(_frequent_partition, [(self, parts, k, need) for k in range(parts) if _part_name(k) not in have])
        if len(parquet_files(store, "frequent")) > self.fan_in:  # every shard reads them all: one file, not thousands
            ctx.map(_merge_frequent, [self])
        frequent = 0
        for rel in parquet_files(store, "frequent"):
            with store.open(rel) as f:
                frequent += pq.read_metadata(f).num_rows
        store.write_bytes("summary.json", orjson.dumps({"docs": n_docs, "min_docs_used": need, "frequent_lines": frequent}))

    def load(self, shard: str, ctx: StageContext) -> dict[int, int]:
        """The frequent lines (hash -> documents); the same for every shard."""
        store = ctx.store(self.name)
        if not store.exists("summary.json"):
            raise FileNotFoundError(f"{store.full_url('summary.json')} is missing: run prepare() before apply()")
        frequent: dict[int, int] = {}
        files = parquet_files(store, "frequent")
        for rel in [FREQUENT_ALL] if len(files) > self.fan_in else files:
            with store.open(rel) as f:
                t = pq.read_table(f)
            frequent.update(zip(t.column("h").to_pylist(), t.column("docs").to_pylist()))
        return frequent

    def apply(self, doc: "Document", row: int, loaded: dict[int, int]) -> None:
        if loaded:
            edits = self.edits(doc.text, loaded)
            if edits:
                doc.apply(edits)

    def edits(self, text: str, frequent: dict[int, int]) -> list[Edit]:
        """Edits removing frequent lines (each with its newline), most widespread first, up to the cap."""
        found = []
        for m in _LINE.finditer(text):
            h = line_hash(m.group().rstrip("\n"))
            if h is not None and h in frequent:
                found.append((-frequent[h], m.start(), m.end()))
        if not found:
            return []
        budget = self.max_removed_share * len(text)
        chosen = []
        used = 0
        for _, s, e in sorted(found):
            if used + (e - s) <= budget:
                chosen.append(Edit(s, e, RULE))
                used += e - s
        return sorted(chosen, key=lambda e: e.start)


def _part_name(k: int) -> str:
    return f"part-{k:05d}.parquet"


def _count_shard(ctx: StageContext, item: tuple[RepeatedLines, str]) -> int:
    stage, shard = item
    store = ctx.store(stage.name)
    name = safe_name(shard)
    n_docs = 0
    hashes: list[int] = []
    for doc in ctx.docs(shard, upto=stage.name):
        if not doc.kept:
            continue
        n_docs += 1
        hashes.extend(doc_line_hashes(doc.text))  # distinct per document: counts are documents
    h = np.array(hashes, dtype=np.uint64)
    table = pa.table({"part": pa.array(fine_part(h)), "h": pa.array(h)}, schema=LINE_SCHEMA)
    write_by_partition(store, f"lines/{name}.parquet", table)
    store.write_bytes(f"lines/{name}.json", orjson.dumps({"docs": n_docs}))  # written last: the shard is done
    return n_docs


#: The frequent lines of every partition in one file, when there are more partitions than ``fan_in``.
FREQUENT_ALL = "frequent-all.parquet"


def _merge_frequent(ctx: StageContext, stage: RepeatedLines) -> int:
    """The partitions' frequent lines in one file (they are few: what every shard's load holds)."""
    store = ctx.store(stage.name)
    pieces = []
    for rel in parquet_files(store, "frequent"):
        with store.open(rel) as f:
            pieces.append(pq.read_table(f))
    t = pa.concat_tables(pieces)
    store.write_bytes(FREQUENT_ALL, parquet_bytes(t))
    return t.num_rows


def _frequent_partition(ctx: StageContext, item: tuple[RepeatedLines, int, int, int]) -> int:
    stage, parts, k, need = item
    store = ctx.store(stage.name)
    lines = read_partition(store, [f"lines/{safe_name(s)}.parquet" for s in ctx.shards], k, parts, LINE_SCHEMA, fan_in=stage.fan_in)
    result = query_table("lines", lines, f"SELECT h, count(*) AS docs FROM lines GROUP BY h HAVING count(*) >= {int(need)}",
                         stage.duckdb_memory, "lines")
    store.write_bytes(f"frequent/{_part_name(k)}", parquet_bytes(result))
    return result.num_rows
