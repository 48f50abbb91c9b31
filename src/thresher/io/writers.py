"""Sinks for a shard: kept documents, rejected ones (with step and reason), and the trace of edits
that ``thresher explain`` reads. Each file is written under a temporary name; :meth:`ShardWriter.commit`
renames them all, so a killed run leaves no half-written output behind."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import zstandard

from thresher.document import Document
from thresher.io.atomic import temp_name

FORMATS = ("jsonl", "parquet")


@dataclass(frozen=True)
class OutputOptions:
    format: str = "jsonl"  # jsonl (zstd-compressed) or parquet
    text_field: str = "text"
    id_field: str = "id"

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"unknown output format {self.format!r}; choose one of {', '.join(FORMATS)}")

    @property
    def suffix(self) -> str:
        return ".jsonl.zst" if self.format == "jsonl" else ".parquet"


def kept_record(doc: Document, opts: OutputOptions) -> dict[str, Any]:
    return {**doc.fields, opts.id_field: doc.id, opts.text_field: doc.text, "metadata": doc.metadata}


def rejected_record(doc: Document, opts: OutputOptions) -> dict[str, Any]:
    # The text as it was read: a rejected document loses nothing. The cleaned text, when it
    # differs, rides along so a user can see what the pipeline had made of it when it said no.
    rec = {**doc.fields, opts.id_field: doc.id, opts.text_field: doc.original, "metadata": doc.metadata}
    rec["verdict"] = doc.verdict.to_dict()
    if doc.text != doc.original:
        rec["cleaned_text"] = doc.text
    return rec


def trace_record(doc: Document) -> dict[str, Any]:
    return {"id": doc.id, "original": doc.original, "edits": [e.to_list() for e in doc.edits], "verdict": doc.verdict.to_dict()}


class _JsonlZstSink:
    def __init__(self, path: Path):
        self.path = path
        self.tmp = temp_name(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._raw: BinaryIO = open(self.tmp, "wb")
        self._z = zstandard.ZstdCompressor(level=3).stream_writer(self._raw)
        self.count = 0

    def write(self, rec: dict) -> None:
        self._z.write(orjson.dumps(rec, option=orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS, default=str) + b"\n")
        self.count += 1

    def close(self) -> None:
        self._z.close()  # closes the raw file too


class _ParquetSink:
    """Buffers a shard's records and writes one Parquet file. Nested values (metadata, verdict)
    are stored as JSON strings so that records with different keys share one schema."""

    def __init__(self, path: Path):
        self.path = path
        self.tmp = temp_name(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.rows: list[dict] = []
        self.count = 0

    def write(self, rec: dict) -> None:
        self.rows.append({k: (orjson.dumps(v, default=str).decode() if isinstance(v, (dict, list)) else v) for k, v in rec.items()})
        self.count += 1

    def close(self) -> None:
        try:
            table = pa.Table.from_pylist(self.rows)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            # Fields whose type differs between records: fall back to JSON text for every value.
            table = pa.Table.from_pylist([{k: orjson.dumps(v, default=str).decode() for k, v in r.items()} for r in self.rows])
        pq.write_table(table, self.tmp, compression="zstd")
        self.rows = []


@dataclass
class ShardWriter:
    """Writes one shard's kept, rejected and trace files; nothing is visible until commit()."""

    out: Path
    shard: str
    opts: OutputOptions = field(default_factory=OutputOptions)

    def __post_init__(self) -> None:
        sink = _JsonlZstSink if self.opts.format == "jsonl" else _ParquetSink
        self.kept = sink(self.out / "kept" / f"{self.shard}{self.opts.suffix}")
        self.rejected = sink(self.out / "rejected" / f"{self.shard}{self.opts.suffix}")
        self.trace = _JsonlZstSink(self.out / "trace" / f"{self.shard}.jsonl.zst")
        self.bytes_out = 0

    def write(self, doc: Document) -> None:
        if doc.kept:
            self.kept.write(kept_record(doc, self.opts))
            self.bytes_out += len(doc.text.encode("utf-8", "replace"))
        else:
            self.rejected.write(rejected_record(doc, self.opts))
        if not doc.kept or doc.changed:
            self.trace.write(trace_record(doc))

    def commit(self) -> None:
        sinks = (self.kept, self.rejected, self.trace)
        for s in sinks:
            s.close()
        for s in sinks:
            os.replace(s.tmp, s.path)

    def abort(self) -> None:
        for s in (self.kept, self.rejected, self.trace):
            try:
                s.close()
            except Exception:  # closing a broken sink must not hide the error that got us here
                pass
            if s.tmp.exists():
                s.tmp.unlink()
