"""Ids unique within a job: a document whose id an earlier document of the job already has is
renamed ``<id>@<shard>:<row>``, its place in the job (shard names and rows are unique, so the new
ids are too), and keeps the id it was given in ``metadata.given_id``. The first document with an
id, in job order (shards in order, rows in order), keeps it. Two inputs that both number their
records from 1, two folders that both hold ``index.html``: every document stays findable by id
(``thresher explain``), and the ones renamed are counted (``stats.json`` ``duplicate_ids``) and
said in the summary.

It runs first among the corpus stages, over kept and dropped documents alike, so the stages after
it (which name survivors by id) and the rejected sink see unique ids too.

A partitioned plan like exact deduplication's (:mod:`thresher.steps.dedup.exact`): one task per
shard writes its ids' 128-bit hashes sorted by partition; one task per partition finds the hashes
seen more than once and, for each, every place but the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import pyarrow as pa
import pyarrow.parquet as pq
import xxhash

from thresher.steps.corpus import CorpusStage, StageContext
from thresher.steps.dedup.partitioned import (FAN_IN, FINE, ROW_GROUP, by_shard, choose_partitions, combine, count_rows, parquet_bytes,
                                              parquet_files, query_table, read_partition, shard_files, write_by_partition)
from thresher.steps.dedup.store import open_stage_store, safe_name, stage_options

if TYPE_CHECKING:  # pragma: no cover
    from thresher.document import Document

ID_SCHEMA = pa.schema([("part", pa.int32()), ("key", pa.int64()), ("shard", pa.string()), ("row", pa.int64()),
                       ("id", pa.string()), ("h1", pa.uint64()), ("h2", pa.uint64())])
_MASK64 = (1 << 64) - 1


def renamed_id(doc_id: str, shard: str, row: int) -> str:
    return f"{doc_id}@{shard}:{row}"


@dataclass
class UniqueIds(CorpusStage):
    name: ClassVar[str] = "unique_ids"
    #: Renaming a dropped document's id matters as much as a kept one's (explain, the rejected sink).
    sees_dropped: ClassVar[bool] = True

    duckdb_memory: str = "1GB"
    partitions: int = 0  # 0: enough for about two million ids each; any value decides the same
    fan_in: int = FAN_IN  # files one partition's task reads at most (more are combined in groups first)

    def can_act(self, kept_docs: int, docs: int) -> bool:
        return docs >= 2  # dropped documents' ids count too

    def prepare(self, ctx: StageContext) -> None:
        store = ctx.store(self.name)
        open_stage_store(store, self.name, stage_options(self), ctx.shards)
        done = set(store.ls("ids"))
        ctx.map(_hash_ids, [(self, i, s) for i, s in enumerate(ctx.shards) if _ids_name(s) not in done])
        ids = [f"ids/{_ids_name(s)}" for s in ctx.shards]
        parts = choose_partitions(self.partitions, count_rows(store, ids))
        combine(ctx, self.name, ids, self.fan_in)
        done = set(store.ls("renamed"))
        ctx.map(_find_repeats, [(self, parts, k) for k in range(parts) if _renamed_name(k) not in done])
        by_shard(ctx, self.name, parquet_files(store, "renamed"), self.fan_in)

    def load(self, shard: str, ctx: StageContext) -> tuple[str, dict[int, str]]:
        """This shard's renamed rows (row -> the id the document was given), with the shard's name."""
        store = ctx.store(self.name)
        renamed: dict[int, str] = {}
        for rel in shard_files(ctx, self.name, parquet_files(store, "renamed"), shard, self.fan_in):
            with store.open(rel) as f:
                table = pq.read_table(f, filters=[("shard", "=", shard)], columns=["row", "id"])
            renamed.update(zip(table.column("row").to_pylist(), table.column("id").to_pylist()))
        return shard, renamed

    def apply(self, doc: "Document", row: int, loaded: tuple[str, dict[int, str]]) -> None:
        shard, renamed = loaded
        if renamed.get(row) == doc.id:
            doc.metadata["given_id"] = doc.id
            doc.id = renamed_id(doc.id, shard, row)


def _ids_name(shard: str) -> str:
    return f"{safe_name(shard)}.parquet"


def _renamed_name(k: int) -> str:
    return f"part-{k:05d}.parquet"


def _hash_ids(ctx: StageContext, item: tuple[UniqueIds, int, str]) -> int:
    stage, shard_idx, shard = item
    cols: dict[str, list] = {f.name: [] for f in ID_SCHEMA}
    for row, doc in enumerate(ctx.docs(shard, upto=stage.name)):
        h = xxhash.xxh3_128_intdigest(doc.id.encode("utf-8", "surrogatepass"))
        h1, h2 = h >> 64, h & _MASK64
        for k, v in (("part", h1 % FINE), ("key", (shard_idx << 32) | row), ("shard", shard), ("row", row), ("id", doc.id),
                     ("h1", h1), ("h2", h2)):
            cols[k].append(v)
    table = pa.table({k: pa.array(v, type=ID_SCHEMA.field(k).type) for k, v in cols.items()}, schema=ID_SCHEMA)
    write_by_partition(ctx.store(stage.name), f"ids/{_ids_name(shard)}", table)
    return table.num_rows


def _find_repeats(ctx: StageContext, item: tuple[UniqueIds, int, int]) -> int:
    """Every place of a repeated id but its first, in this partition."""
    stage, parts, k = item
    store = ctx.store(stage.name)
    h = read_partition(store, [f"ids/{_ids_name(s)}" for s in ctx.shards], k, parts, ID_SCHEMA, fan_in=stage.fan_in)
    query = """
        SELECT shard, row, id FROM (
          SELECT shard, row, id, key, min(key) OVER (PARTITION BY h1, h2) AS first_key FROM h)
        WHERE key <> first_key ORDER BY shard, row"""
    result = query_table("h", h, query, stage.duckdb_memory, "ids")
    store.write_bytes(f"renamed/{_renamed_name(k)}", parquet_bytes(result, ROW_GROUP))
    return k
