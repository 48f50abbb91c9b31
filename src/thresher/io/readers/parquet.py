"""Parquet, read in record batches so memory does not grow with the file."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from thresher.document import Document
from thresher.io.readers.base import ReadOptions
from thresher.io.readers.open import damage_kind, open_raw, unreadable_kind
from thresher.io.store import RetriesExhausted
from thresher.io.readers.records import record_to_document
from thresher.stats import Stats


def read_parquet(path: Path | str, rel: str, opts: ReadOptions, stats: Stats) -> Iterator[Document]:
    try:
        raw = open_raw(path, opts)
    except OSError as exc:
        stats.input_error(unreadable_kind(exc), rel, str(exc))
        return
    with raw:
        try:
            pf = pq.ParquetFile(raw)
        except (pa.ArrowInvalid, OSError) as exc:
            if isinstance(exc, RetriesExhausted):
                stats.input_error("read_failed", rel, str(exc))
            else:
                stats.input_error("unreadable_file", rel, f"not a readable Parquet file: {exc}")
            return
        row = 0
        try:
            for batch in pf.iter_batches(batch_size=1024):
                for rec in batch.to_pylist():
                    row += 1
                    where = f"{rel}:{row}"
                    doc = record_to_document(rec, where, where, opts, stats, rel)
                    doc.metadata["row"] = row
                    yield doc
        except (pa.ArrowInvalid, OSError) as exc:
            stats.input_error(damage_kind(exc), f"{rel}:{row + 1}", str(exc))
