"""The hand-off of a partitioned corpus stage, on the job's own storage (any fsspec filesystem).

A stage's plan: one task per shard writes what the shard contributes (hashes, band rows, line
hashes) as one Parquet file sorted by a fine partition (``key mod FINE``) in small row groups; then
the stage counts the rows written, cuts the fine partitions into P contiguous ranges of about
``ROWS_PER_PARTITION`` rows, and one task per range reads only its rows of every shard's file
(row-group statistics skip the rest) and writes its result. So the memory of a task stays the same
from a thousand pages to billions: a larger corpus makes more tasks, not larger ones. No task holds more than one shard or one partition, and every file is written whole, so
tasks on any node see each other's files and a resumed run skips the ones that exist.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
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


def read_partition(store: Store, rels: list[str], k: int, parts: int, schema: pa.Schema, part: str = "part") -> pa.Table:
    """Partition ``k`` of ``parts``: its range of fine partitions, from every file in ``rels``."""
    lo, hi = k * FINE // parts, (k + 1) * FINE // parts
    pieces = []
    for rel in rels:
        with store.open(rel) as f:
            pieces.append(pq.read_table(f, filters=[(part, ">=", lo), (part, "<", hi)], schema=schema))
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
