"""Exact duplicates: one survivor per group of documents with the same normalised text.

Normalisation: case-folded, whitespace runs collapsed, ends stripped; hashed with 128-bit xxh3.

A partitioned plan, each step resumable and each a task on the job's executor (a Ray task under
``--executor ray``): one task per shard writes ``hashes/<shard>.parquet``, sorted by partition
(``h1 mod FINE``) in small row groups; then one task per partition groups the hashes of its partition
only (DuckDB, spilling past ``duckdb_memory``; row-group statistics let it skip the rest of every
file) into ``decisions/part-<k>.parquet``. Equal texts have equal hashes, so every group lies in one
partition and the result does not depend on P: no task ever holds more than a partition, and no
merge across partitions is needed. A shard's apply reads its rows from the partitions' files.

Every hand-off file goes through the job's own storage (``ctx.store``), written whole: on object
storage too, tasks on any node see each other's files, and a resumed run skips what exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

import pyarrow as pa
import xxhash

from thresher.steps.corpus import CorpusStage, StageContext
from thresher.steps.dedup import survivor as surv
from thresher.steps.dedup.clusters import Decisions, apply_decision, read_decisions_from
from thresher.steps.dedup.partitioned import (FAN_IN, FINE, ROW_GROUP, by_shard, choose_partitions, combine, count_rows, parquet_bytes,
                                              parquet_files, query_table, read_partition, shard_files, write_by_partition)
from thresher.steps.dedup.store import open_stage_store, safe_name, stage_options

if TYPE_CHECKING:  # pragma: no cover
    from thresher.document import Document

HASH_SCHEMA = pa.schema(
    [("part", pa.int32()), ("key", pa.int64()), ("shard", pa.string()), ("row", pa.int64()), ("id", pa.string()),
     ("length", pa.int64()), ("quality", pa.float64()), ("h1", pa.uint64()), ("h2", pa.uint64())]
)
_MASK64 = (1 << 64) - 1
KEYS = ("exact_cluster_id", "exact_cluster_size", "exact_survivor", "exact_duplicate_of")


def normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def text_hash(text: str) -> tuple[int, int]:
    h = xxhash.xxh3_128_intdigest(normalise(text).encode("utf-8", "surrogatepass"))
    return h >> 64, h & _MASK64


@dataclass
class ExactDedup(CorpusStage):
    name: ClassVar[str] = "exact_dedup"
    CLUSTER_KEYS: ClassVar[tuple[str, str] | None] = (KEYS[1], KEYS[2])

    survivor: list[str] = field(default_factory=lambda: list(surv.DEFAULT_RULE))
    quality_key: str = "quality_score"
    duckdb_memory: str = "1GB"
    #: How many partitions the grouping is cut into (tasks); 0: enough for about two million hashes
    #: each. Any value gives the same decisions.
    partitions: int = 0
    #: Files one partition's task reads at most (more are combined in groups first).
    fan_in: int = FAN_IN

    def __post_init__(self) -> None:
        surv.validate(self.survivor)
        if self.partitions < 0:
            raise ValueError(f"exact_dedup: partitions must be 0 (automatic) or more, not {self.partitions}")

    def can_act(self, kept_docs: int, docs: int) -> bool:
        return kept_docs >= 2  # a duplicate needs two documents

    def prepare(self, ctx: StageContext) -> None:
        store = ctx.store(self.name)
        open_stage_store(store, self.name, stage_options(self), ctx.shards)
        done = set(store.ls("hashes"))
        ctx.map(_hash_shard, [(self, i, s) for i, s in enumerate(ctx.shards) if _hash_name(s) not in done])
        hashes = [f"hashes/{_hash_name(s)}" for s in ctx.shards]
        parts = choose_partitions(self.partitions, count_rows(store, hashes))
        combine(ctx, self.name, hashes, self.fan_in)
        done = set(store.ls("decisions"))
        ctx.map(_group_partition, [(self, parts, k) for k in range(parts) if _decisions_name(k) not in done])
        by_shard(ctx, self.name, parquet_files(store, "decisions"), self.fan_in)

    def load(self, shard: str, ctx: StageContext) -> Decisions:
        store = ctx.store(self.name)
        return read_decisions_from(store, shard_files(ctx, self.name, parquet_files(store, "decisions"), shard, self.fan_in), shard)

    def apply(self, doc: "Document", row: int, loaded: Decisions) -> None:
        apply_decision(doc, row, loaded, self.name, "exact_duplicate", KEYS)


def _hash_name(shard: str) -> str:
    return f"{safe_name(shard)}.parquet"


def _decisions_name(k: int) -> str:
    return f"part-{k:05d}.parquet"


def _hash_shard(ctx: StageContext, item: tuple[ExactDedup, int, str]) -> int:
    """One shard's kept documents' hashes, sorted by partition (a shard is bounded: it fits)."""
    stage, shard_idx, shard = item
    cols: dict[str, list] = {f.name: [] for f in HASH_SCHEMA}
    for row, doc in enumerate(ctx.docs(shard, upto=stage.name)):
        if not doc.kept:
            continue
        text = doc.text
        h1, h2 = text_hash(text)
        for k, v in (("part", h1 % FINE), ("key", (shard_idx << 32) | row), ("shard", shard), ("row", row), ("id", doc.id),
                     ("length", len(text)), ("quality", surv.quality_of(doc.metadata, stage.quality_key)), ("h1", h1), ("h2", h2)):
            cols[k].append(v)
    table = pa.table({k: pa.array(v, type=HASH_SCHEMA.field(k).type) for k, v in cols.items()}, schema=HASH_SCHEMA)
    write_by_partition(ctx.store(stage.name), f"hashes/{_hash_name(shard)}", table)
    return table.num_rows


def _group_partition(ctx: StageContext, item: tuple[ExactDedup, int, int]) -> int:
    """Groups of equal hashes within one partition, and each group's survivor."""
    stage, parts, k = item
    store = ctx.store(stage.name)
    h = read_partition(store, [f"hashes/{_hash_name(s)}" for s in ctx.shards], k, parts, HASH_SCHEMA, fan_in=stage.fan_in)
    order = surv.order_by(stage.survivor)
    query = f"""
        WITH dup AS (SELECT h1, h2 FROM h GROUP BY h1, h2 HAVING count(*) > 1),
        m AS (SELECT h.* FROM h JOIN dup USING (h1, h2)),
        r AS (
          SELECT shard, row, id, key, h1, h2,
            count(*) OVER w AS cluster_size,
            first_value(id) OVER (w ORDER BY {order}) AS survivor,
            first_value(key) OVER (w ORDER BY {order}) AS survivor_key
          FROM m WINDOW w AS (PARTITION BY h1, h2))
        SELECT shard, row, id, printf('%016x%016x', h1, h2) AS cluster_id, cluster_size, survivor,
               key <> survivor_key AS removed
        FROM r ORDER BY shard, row"""
    # The partition's hashes are in memory (a partition is bounded); DuckDB spills its grouping.
    result = query_table("h", h, query, stage.duckdb_memory, "exact")
    store.write_bytes(f"decisions/{_decisions_name(k)}", parquet_bytes(result, ROW_GROUP))  # small groups: a range of shards reads little else
    return k
