"""Hand-off files between the steps of a corpus stage: atomic, resumable, grouped on disk.

Every output is written under a temporary name and renamed when complete (``thresher.io.atomic``),
so a file that exists is whole and a re-run skips it. A stage folder remembers the options that
made it (``stage.json``): different options start the folder over instead of mixing results.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
from pathlib import Path
from typing import Any, Iterable, Iterator

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from thresher.io.atomic import atomic_path, write_bytes_atomic

STAGE_FILE = "stage.json"


def safe_name(shard: str) -> str:
    """A shard name as one file name (shard names may hold path separators)."""
    return shard.replace(os.sep, "__").replace("/", "__")


def open_stage_dir(d: Path, stage_name: str, options: dict[str, Any], shards: list[str]) -> None:
    """Start ``d`` over unless it was made by the same stage options over the same shards; clear
    temporary files a killed run left behind."""
    want = {"stage": stage_name, "options": options, "shards": sorted(shards)}
    marker = d / STAGE_FILE
    if marker.exists():
        try:
            have = orjson.loads(marker.read_bytes())
        except orjson.JSONDecodeError:
            have = None
        if have != orjson.loads(orjson.dumps(want)):
            for child in d.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    for stale in d.rglob(".*.tmp-*"):
        stale.unlink()
    d.mkdir(parents=True, exist_ok=True)
    if not marker.exists():
        write_bytes_atomic(marker, orjson.dumps(want, option=orjson.OPT_INDENT_2))


def open_stage_store(store: Any, stage_name: str, options: dict[str, Any], shards: list[str]) -> None:
    """:func:`open_stage_dir` for a stage folder on a :class:`thresher.io.store.Store` (local or
    object storage): start it over unless the same options over the same shards made it."""
    want = orjson.loads(orjson.dumps({"stage": stage_name, "options": options, "shards": sorted(shards)}))
    if store.exists(STAGE_FILE):
        try:
            have = orjson.loads(store.read_bytes(STAGE_FILE))
        except orjson.JSONDecodeError:
            have = None
        if have == want:
            return
        for name in store.ls():
            store.rm(name)
    store.write_bytes(STAGE_FILE, orjson.dumps(want, option=orjson.OPT_INDENT_2))


def stage_options(stage: Any) -> dict[str, Any]:
    return orjson.loads(orjson.dumps(dataclasses.asdict(stage)))


class ParquetSink:
    """Append record batches to a parquet file that appears only when :meth:`close` succeeds."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.path = path
        self.schema = schema
        self._ctx = atomic_path(path)
        self._tmp = self._ctx.__enter__()
        self._writer = pq.ParquetWriter(self._tmp, schema, compression="lz4")  # hashes do not compress: be fast

    def write(self, columns: dict[str, Iterable]) -> None:
        table = pa.table({k: pa.array(v, type=self.schema.field(k).type) for k, v in columns.items()}, schema=self.schema)
        if table.num_rows:
            self._writer.write_table(table)

    def close(self) -> None:
        self._writer.close()
        self._ctx.__exit__(None, None, None)

    def abort(self) -> None:
        try:
            self._writer.close()
        finally:
            self._ctx.__exit__(RuntimeError, RuntimeError("aborted"), None)

    def __enter__(self) -> "ParquetSink":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


@contextlib.contextmanager
def duck(workdir: Path, memory_limit: str, threads: int) -> Iterator[Any]:
    """A DuckDB connection that spills to ``workdir`` instead of growing past ``memory_limit``
    (``with duck(...) as con``). Closed however the block ends, its spill folder removed, and
    ``workdir`` too when nothing else is in it: a per-process scratch folder (one per worker and
    task) would otherwise stay behind in the system temp after every run."""
    import duckdb

    tmp = workdir / "duckdb_tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        con.execute(f"SET memory_limit={sql_str(memory_limit)}")
        con.execute(f"SET temp_directory={sql_str(tmp)}")
        con.execute(f"SET threads={max(1, int(threads))}")
        con.execute("SET preserve_insertion_order=false")
        yield con
    finally:
        con.close()
        shutil.rmtree(tmp, ignore_errors=True)
        with contextlib.suppress(OSError):
            workdir.rmdir()  # only if empty


def copy_to_parquet(con, query: str, path: Path, params: list | None = None) -> None:
    """``COPY (query) TO path`` atomically."""
    with atomic_path(path) as tmp:
        con.execute(f"COPY ({query}) TO {sql_str(tmp)} (FORMAT parquet, COMPRESSION zstd)", params or [])


def duck_copy(workdir: Path, memory_limit: str, threads: int, query: str, path: Path, setup: Iterable[str] = ()) -> None:
    """The corpus stages' last step: a spilling connection, ``setup`` statements (views), then
    ``query`` copied to ``path`` atomically; the connection is closed however it ends."""
    with duck(workdir, memory_limit, threads) as con:
        for statement in setup:
            con.execute(statement)
        copy_to_parquet(con, query, path)


def sql_str(value: str | Path) -> str:
    """A SQL string literal (a path as posix): quotes doubled, so a folder named ``it's`` is safe.
    Used where DuckDB takes no bound parameter (SET, COPY ... TO) and, for one rule, everywhere."""
    text = value.as_posix() if isinstance(value, Path) else str(value)
    return "'" + text.replace("'", "''") + "'"


def sql_list(paths: list[Path]) -> str:
    return "[" + ", ".join(map(sql_str, paths)) + "]"
