"""The hand-off of a partitioned corpus stage, on the job's own storage (any fsspec filesystem).

A stage's plan: one task per shard writes what the shard contributes (hashes, line hashes) as one
Parquet file sorted by partition (``key mod P``) in small row groups; then one task per partition
reads only its rows of every shard's file (row-group statistics skip the rest) and writes its
result. No task holds more than one shard or one partition, and every file is written whole, so
tasks on any node see each other's files and a resumed run skips the ones that exist.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from thresher.io.store import Store, scratch_dir

#: Rows per row group of a shard's sorted file: small enough that a partition's task reads little
#: besides its own rows.
ROW_GROUP = 2048


def auto_partitions(shards: int) -> int:
    """One partition per 8 shards, between 1 and 256 (any count gives the same result)."""
    return max(1, min(256, shards // 8))


def parquet_bytes(table: pa.Table, row_group_size: int | None = None) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, row_group_size=row_group_size, compression="lz4")
    return sink.getvalue().to_pybytes()


def write_by_partition(store: Store, rel: str, table: pa.Table, part: str = "part") -> None:
    """A shard's rows, sorted by partition, written whole."""
    store.write_bytes(rel, parquet_bytes(table.sort_by([(part, "ascending")]), ROW_GROUP))


def read_partition(store: Store, rels: list[str], k: int, schema: pa.Schema, part: str = "part") -> pa.Table:
    """Partition ``k``'s rows of every file in ``rels``."""
    pieces = []
    for rel in rels:
        with store.open(rel) as f:
            pieces.append(pq.read_table(f, filters=[(part, "=", int(k))], schema=schema))
    return pa.concat_tables(pieces) if pieces else schema.empty_table()


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
