"""The hand-off of a partitioned corpus stage, on the job's own storage (any fsspec filesystem).

A stage's plan: one task per shard writes what the shard contributes (hashes, band rows, line
hashes) as one Parquet file sorted by a fine partition (``key mod FINE``) in small row groups; then
the stage counts the rows written, cuts the fine partitions into P contiguous ranges of about
``ROWS_PER_PARTITION`` rows, and one task per range reads only its rows of every shard's file
(row-group statistics skip the rest) and writes its result. So the memory of a task stays the same
from a thousand pages to billions: a larger corpus makes more tasks, not larger ones. No task holds more than one shard or one partition, and every file is written whole, so
tasks on any node see each other's files and a resumed run skips the ones that exist.

The reads of a task do not grow with the corpus either. A pass that wrote more than ``fan_in``
files (one per shard, at 90,000 shards; one per partition, at thousands) is first combined: one
task per group of ``fan_in`` files merges them into one file sorted the same way (:func:`combine`,
run by the stage before the readers), and :func:`read_partition` reads the groups' files instead
(a two-level shuffle; three levels past ``fan_in`` squared files). At 90,000 shards and 4,096
partitions that is 4,096 x 176 opens of group files plus 176 x 512 x (windows) reads to write them,
against 4,096 x 90,000 opens. The other way round too: a stage's decisions are written per partition
and every shard's ``load`` wants its rows of all of them; past ``fan_in`` partitions they are
regrouped by ranges of shards (:func:`by_shard`), so a shard reads one file (:func:`shard_files`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from thresher.io.store import Store, scratch_dir

#: Rows per row group of a shard's sorted file: small enough that a partition's task reads little
#: besides its own rows.
ROW_GROUP = 2048
#: Fine partitions every row is written with; a task takes a contiguous range of them.
FINE = 4096
#: Rows a partition's task takes by default (tens of MB in Arrow, whatever the corpus's size).
ROWS_PER_PARTITION = 2_000_000
#: Files one task reads at most (the stages' ``fan_in`` option, by default).
FAN_IN = 512


def fine_part(values: np.ndarray) -> np.ndarray:
    return (np.asarray(values, dtype=np.uint64) % np.uint64(FINE)).astype(np.int32)


def count_rows(store: Store, rels: list[str]) -> int:
    """Rows of the Parquet files (their footers only)."""
    n = 0
    for rel in rels:
        with store.open(rel) as f:
            n += pq.read_metadata(f).num_rows
    return n


def choose_partitions(requested: int, rows: int) -> int:
    """``requested``, or enough partitions for about ROWS_PER_PARTITION rows each (any count gives
    the same result: a key's rows are all in one fine partition)."""
    return requested or max(1, min(FINE, -(-rows // ROWS_PER_PARTITION)))


def parquet_bytes(table: pa.Table, row_group_size: int | None = None) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, row_group_size=row_group_size, compression="lz4")
    return sink.getvalue().to_pybytes()


def write_by_partition(store: Store, rel: str, table: pa.Table, part: str = "part") -> None:
    """A shard's rows, sorted by partition, written whole."""
    store.write_bytes(rel, parquet_bytes(table.sort_by([(part, "ascending")]), ROW_GROUP))


def read_partition(store: Store, rels: list[str], k: int, parts: int, schema: pa.Schema, part: str = "part",
                   fan_in: int = FAN_IN) -> pa.Table:
    """Partition ``k`` of ``parts``: its range of fine partitions, from every file in ``rels`` (from
    the files :func:`combine` merged them into, when there are more than ``fan_in``)."""
    lo, hi = k * FINE // parts, (k + 1) * FINE // parts
    pieces = []
    for rel in sources(rels, fan_in):
        with store.open(rel) as f:
            pieces.append(pq.read_table(f, filters=[(part, ">=", lo), (part, "<", hi)], schema=schema))
    return pa.concat_tables(pieces) if pieces else schema.empty_table()


# -- the two-level shuffle ------------------------------------------------------------------------
def _digest(rels: list[str]) -> str:
    """A name for what is made of ``rels``: a resumed run finds it, another list never does."""
    import xxhash

    return xxhash.xxh64_hexdigest("\n".join(rels).encode())


def _too_many(rels: list[str], fan_in: int) -> bool:
    return len(rels) > max(2, int(fan_in))  # a group of one file would never shrink the list


def _levels(rels: list[str], fan_in: int) -> list[list[tuple[str, list[str]]]]:
    """The group files that stand for ``rels``, level by level: each (file, the files it merges)."""
    fan_in = max(2, int(fan_in))
    levels = []
    while _too_many(rels, fan_in):
        digest = _digest(rels)
        n = -(-len(rels) // fan_in)
        level = [(f"groups/{digest}-{i:05d}.parquet", rels[i * len(rels) // n:(i + 1) * len(rels) // n]) for i in range(n)]
        levels.append(level)
        rels = [out for out, _ in level]
    return levels


def sources(rels: list[str], fan_in: int = FAN_IN) -> list[str]:
    """What a partition's task reads for ``rels``: themselves, or their last level of group files."""
    levels = _levels(rels, fan_in)
    return [out for out, _ in levels[-1]] if levels else rels


def combine(ctx: Any, stage_name: str, rels: list[str], fan_in: int = FAN_IN, part: str = "part") -> None:
    """Write the group files :func:`read_partition` will read for ``rels`` (nothing when there are
    at most ``fan_in``), one task per group on ``ctx.map``; groups already written are skipped."""
    store = ctx.store(stage_name)
    for level in _levels(rels, fan_in):
        have = set(store.ls("groups"))
        ctx.map(_combine, [(stage_name, out, ins, part) for out, ins in level if out.split("/")[-1] not in have])


def _combine(ctx: Any, item: tuple[str, str, list[str], str]) -> int:
    """Merge files sorted by ``part`` into one file sorted the same way, a window of fine partitions
    at a time (about ROWS_PER_PARTITION rows), reading of each file only the row groups in the window:
    memory is one window, whatever the group's size."""
    stage_name, out, ins, part = item
    store = ctx.store(stage_name)
    metas = []
    for rel in ins:
        with store.open(rel) as f:
            metas.append(pq.read_metadata(f))
    schema = metas[0].schema.to_arrow_schema()
    col = schema.get_field_index(part)
    bounds = []  # per file, per row group: (lowest, highest) partition
    for m in metas:
        rg = [m.row_group(g).column(col).statistics for g in range(m.num_row_groups)]
        bounds.append([(st.min, st.max) if st is not None and st.has_min_max else (0, FINE - 1) for st in rg])
    windows = choose_partitions(0, sum(m.num_rows for m in metas))
    rows = 0
    with store.writer(out) as f, pq.ParquetWriter(f, schema, compression="lz4") as w:
        for k in range(windows):
            lo, hi = k * FINE // windows, (k + 1) * FINE // windows
            pieces = []
            for rel, m, b in zip(ins, metas, bounds):
                groups = [g for g, (a, z) in enumerate(b) if a < hi and z >= lo]
                if groups:
                    with store.open(rel) as src:
                        t = pq.ParquetFile(src, metadata=m).read_row_groups(groups)
                    p = t.column(part).to_numpy()
                    pieces.append(t.filter(pa.array((p >= lo) & (p < hi))))
            if pieces:
                t = pa.concat_tables(pieces).sort_by([(part, "ascending")])
                if t.num_rows:
                    w.write_table(t, row_group_size=ROW_GROUP)
                    rows += t.num_rows
    return rows


def _shard_ranges(shards: list[str], groups: int) -> list[tuple[str, str]]:
    names = sorted(shards)
    cut = [(j * len(names) // groups, (j + 1) * len(names) // groups) for j in range(groups)]
    return [(names[a], names[b - 1]) for a, b in cut if b > a]


def _by_shard_name(rels: list[str]) -> str:
    return "by-shard/" + _digest(rels)


def by_shard(ctx: Any, stage_name: str, rels: list[str], fan_in: int = FAN_IN) -> None:
    """When more than ``fan_in`` files (sorted by ``shard``, in small row groups) hold rows of every
    shard, rewrite them as one file per range of shards (about ROWS_PER_PARTITION rows each), one task
    per range, so that a shard's load reads one file instead of all of them."""
    store = ctx.store(stage_name)
    if not _too_many(rels, fan_in):
        return
    name = _by_shard_name(rels)
    if store.exists(f"{name}.json"):
        return
    groups = min(len(ctx.shards), choose_partitions(0, count_rows(store, rels)))
    ranges = _shard_ranges(list(ctx.shards), groups)
    have = set(store.ls("by-shard"))
    ctx.map(_regroup, [(stage_name, f"{name}-{j:05d}.parquet", rels, lo, hi) for j, (lo, hi) in enumerate(ranges)
                       if f"{name.split('/')[-1]}-{j:05d}.parquet" not in have])
    store.write_bytes(f"{name}.json", orjson.dumps({"groups": len(ranges)}))  # last: every range is written


def _regroup(ctx: Any, item: tuple[str, str, list[str], str, str]) -> int:
    stage_name, out, rels, lo, hi = item
    store = ctx.store(stage_name)
    pieces = []
    for rel in rels:
        with store.open(rel) as f:
            pieces.append(pq.read_table(f, filters=[("shard", ">=", lo), ("shard", "<=", hi)]))
    t = pa.concat_tables(pieces).sort_by([("shard", "ascending"), ("row", "ascending")])
    store.write_bytes(out, parquet_bytes(t, ROW_GROUP))
    return t.num_rows


def shard_files(ctx: Any, stage_name: str, rels: list[str], shard: str, fan_in: int = FAN_IN) -> list[str]:
    """The files that hold ``shard``'s rows of ``rels``: ``rels``, or the one :func:`by_shard` wrote
    for its range of shards."""
    if not _too_many(rels, fan_in):
        return rels
    store = ctx.store(stage_name)
    name = _by_shard_name(rels)
    groups = orjson.loads(store.read_bytes(f"{name}.json"))["groups"]
    for j, (lo, hi) in enumerate(_shard_ranges(list(ctx.shards), groups)):
        if lo <= shard <= hi:
            return [f"{name}-{j:05d}.parquet"]
    return []


def query_table(name: str, table: pa.Table, query: str, memory_limit: str, tag: str) -> pa.Table:
    """``query`` over ``table`` (registered as ``name``) in DuckDB, spilling to local scratch past
    ``memory_limit``."""
    from thresher.steps.dedup.store import duck

    spill = Path(scratch_dir()) / f"thresher-{tag}-{os.getpid()}"
    with duck(spill, memory_limit, 1) as con:
        con.register(name, table)
        return con.sql(query).to_arrow_table()


def parquet_files(store: Store, folder: str) -> list[str]:
    return [f"{folder}/{n}" for n in store.ls(folder) if n.endswith(".parquet")]
