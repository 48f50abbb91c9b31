"""Exact duplicates: one survivor per group of documents with the same normalised text.

Normalisation: case-folded, whitespace runs collapsed, ends stripped; hashed with 128-bit xxh3.
Steps (each resumable): ``hashes/<shard>.parquet`` per shard, then ``decisions.parquet`` grouped
by DuckDB on disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

import pyarrow as pa
import xxhash

from thresher.steps.corpus import CorpusStage, StageContext
from thresher.steps.dedup import survivor as surv
from thresher.steps.dedup.clusters import Decisions, apply_decision, read_decisions
from thresher.steps.dedup.store import ParquetSink, duck_copy, open_stage_dir, safe_name, sql_list, stage_options

if TYPE_CHECKING:  # pragma: no cover
    from thresher.document import Document

HASH_SCHEMA = pa.schema(
    [("key", pa.int64()), ("shard", pa.string()), ("row", pa.int64()), ("id", pa.string()),
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

    survivor: list[str] = field(default_factory=lambda: list(surv.DEFAULT_RULE))
    quality_key: str = "quality_score"
    duckdb_memory: str = "1GB"

    def __post_init__(self) -> None:
        surv.validate(self.survivor)

    def prepare(self, ctx: StageContext) -> None:
        d = ctx.work_dir(self.name)
        open_stage_dir(d, self.name, stage_options(self), ctx.shards)
        out = d / "decisions.parquet"
        if out.exists():
            return
        todo = [(self, i, s) for i, s in enumerate(ctx.shards) if not (d / "hashes" / f"{safe_name(s)}.parquet").exists()]
        ctx.map(_hash_shard, todo)
        files = [d / "hashes" / f"{safe_name(s)}.parquet" for s in ctx.shards]
        if files:
            setup = [f"CREATE VIEW h AS SELECT * FROM read_parquet({sql_list(files)})"]
        else:  # an empty corpus: an empty table of the right shape
            setup = ["CREATE TABLE h AS SELECT * FROM (SELECT NULL::BIGINT key, NULL::VARCHAR shard, NULL::BIGINT row, NULL::VARCHAR id, NULL::BIGINT length, NULL::DOUBLE quality, NULL::UBIGINT h1, NULL::UBIGINT h2) WHERE false"]
        order = surv.order_by(self.survivor)
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
        duck_copy(d, self.duckdb_memory, ctx.threads, query, out, setup)

    def load(self, shard: str, ctx: StageContext) -> Decisions:
        return read_decisions(ctx.work_dir(self.name) / "decisions.parquet", shard)

    def apply(self, doc: "Document", row: int, loaded: Decisions) -> None:
        apply_decision(doc, row, loaded, self.name, "exact_duplicate", KEYS)


def _hash_shard(ctx: StageContext, item: tuple[ExactDedup, int, str]) -> int:
    stage, shard_idx, shard = item
    path = ctx.work_dir(stage.name) / "hashes" / f"{safe_name(shard)}.parquet"
    cols: dict[str, list] = {f.name: [] for f in HASH_SCHEMA}
    n = 0
    with ParquetSink(path, HASH_SCHEMA) as sink:
        for row, doc in enumerate(ctx.docs(shard, upto=stage.name)):
            if not doc.kept:
                continue
            text = doc.text
            h1, h2 = text_hash(text)
            for k, v in (("key", (shard_idx << 32) | row), ("shard", shard), ("row", row), ("id", doc.id), ("length", len(text)),
                         ("quality", surv.quality_of(doc.metadata, stage.quality_key)), ("h1", h1), ("h2", h2)):
                cols[k].append(v)
            n += 1
            if len(cols["key"]) >= 50_000:
                sink.write(cols)
                cols = {f.name: [] for f in HASH_SCHEMA}
        sink.write(cols)
    return n
