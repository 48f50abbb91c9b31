"""Sinks for a shard: kept documents, rejected ones (with step and reason), and the trace of edits
that ``thresher explain`` reads. Each file is written under a temporary name; :meth:`ShardWriter.commit`
renames them all, so a killed run leaves no half-written output behind.

Output records carry the input record's own fields next to what thresher adds. The keys thresher
adds (``metadata``, ``verdict``, ``cleaned_text``: :data:`RESERVED_KEYS`) are reserved: an input
field with one of those names is written as ``input_<name>`` (``input_metadata`` for a dolma
file's own metadata), so neither side overwrites the other."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import zstandard

from thresher.document import Document
from thresher.io.store import Staged, Store
from thresher.io.jsonio import dumps_record

FORMATS = ("jsonl", "parquet")
# Keys thresher itself writes into kept/rejected records; input fields with these names are renamed.
RESERVED_KEYS = ("metadata", "verdict", "cleaned_text")


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


def _input_fields(doc: Document) -> dict[str, Any]:
    """The record's own fields, with reserved names moved to ``input_<name>``."""
    fields = doc.fields
    if not any(k in fields for k in RESERVED_KEYS):
        return dict(fields)
    return {(f"input_{k}" if k in RESERVED_KEYS else k): v for k, v in fields.items()}


def kept_record(doc: Document, opts: OutputOptions) -> dict[str, Any]:
    return {**_input_fields(doc), opts.id_field: doc.id, opts.text_field: doc.text, "metadata": doc.metadata}


def rejected_record(doc: Document, opts: OutputOptions) -> dict[str, Any]:
    # The text as it was read: a rejected document loses nothing. The cleaned text, when it
    # differs, rides along so a user can see what the pipeline had made of it when it said no.
    rec = {**_input_fields(doc), opts.id_field: doc.id, opts.text_field: doc.original, "metadata": doc.metadata}
    rec["verdict"] = doc.verdict.to_dict()
    if doc.text != doc.original:
        rec["cleaned_text"] = doc.text
    return rec


def trace_record(doc: Document) -> dict[str, Any]:
    return {"id": doc.id, "original": doc.original, "edits": [e.to_list() for e in doc.edits], "verdict": doc.verdict.to_dict()}


class _JsonlZstSink:
    def __init__(self, staged: Staged):
        self.staged = staged
        self._z = zstandard.ZstdCompressor(level=3).stream_writer(staged.file, closefd=False)
        self.count = 0

    def write(self, rec: dict) -> None:
        self._z.write(dumps_record(rec) + b"\n")
        self.count += 1

    def close(self) -> None:
        self._z.close()


class _ParquetSink:
    """Buffers a shard's records and writes one Parquet file (a shard is one input file, so the
    buffer is bounded by that file). Nested values (metadata, verdict, lists) are stored as JSON
    strings so that records with different keys share one schema. Columns are the union of all
    records' keys (a key missing from a record is null there). A column whose values have different
    Python types (an id that is sometimes an int, sometimes a string) is stored as text: its string
    values as they are, its other values as JSON; every other column keeps its own type."""

    def __init__(self, staged: Staged):
        self.staged = staged
        self.rows: list[dict] = []
        self.count = 0

    def write(self, rec: dict) -> None:
        self.rows.append({k: (dumps_record(v).decode() if isinstance(v, (dict, list, tuple)) else v) for k, v in rec.items()})
        self.count += 1

    def close(self) -> None:
        names: dict[str, None] = {}
        for r in self.rows:
            names.update(dict.fromkeys(r))
        table = pa.table({n: _column([r.get(n) for r in self.rows]) for n in names})
        pq.write_table(table, self.staged.file, compression="zstd", write_page_checksum=True)  # readers can tell a flipped byte
        self.rows = []


def _column(values: list) -> pa.Array:
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError):
        pass
    # Mixed types (or one pyarrow cannot store, such as an int beyond 64 bits): text, with the
    # strings kept verbatim so "hello" stays hello and only the odd values are JSON-encoded.
    return pa.array([v if v is None or isinstance(v, str) else _json_text(v) for v in values], type=pa.string())


def _json_text(v: Any) -> str:
    try:
        return dumps_record(v).decode()
    except TypeError:  # orjson stops at 64-bit integers; the stdlib does not
        return json.dumps(v, default=str)


class ShardWriter:
    """Writes one shard's kept, rejected and trace files to a store; nothing is visible until
    commit(), and each file then appears whole (see thresher.io.store.Staged)."""

    def __init__(self, store: Store, kept: str, rejected: str, trace: str, opts: OutputOptions | None = None) -> None:
        self.opts = opts or OutputOptions()
        sink = _JsonlZstSink if self.opts.format == "jsonl" else _ParquetSink
        self._staged = [store.staged(kept), store.staged(rejected), store.staged(trace)]
        self.kept = sink(self._staged[0])
        self.rejected = sink(self._staged[1])
        self.trace = _JsonlZstSink(self._staged[2])
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
        for s in (self.kept, self.rejected, self.trace):
            s.close()
        for staged in self._staged:
            staged.commit()

    def abort(self) -> None:
        for s in (self.kept, self.rejected, self.trace):
            try:
                s.close()
            except Exception:  # closing a broken sink must not hide the error that got us here
                pass
        for staged in self._staged:
            staged.abort()
