"""Parquet, read in record batches so memory does not grow with the file, a row group at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pyarrow.parquet as pq

from thresher.document import Document
from thresher.io.readers.base import ReadOptions
from thresher.io.readers.open import open_raw, unreadable_kind
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
            # Pages written with checksums (write_page_checksum) are checked: a flipped byte in one is
            # reported instead of read as another value. Without them Parquet cannot tell.
            pf = pq.ParquetFile(raw, page_checksum_verification=True)
        except Exception as exc:  # a damaged footer: pyarrow raises ArrowInvalid, OSError, and others
            if isinstance(exc, RetriesExhausted):
                stats.input_error("read_failed", rel, str(exc))
            else:
                stats.input_error("unreadable_file", rel, f"not a readable Parquet file: {exc}")
            return
        meta = pf.metadata
        first = 0  # the first row of the group being read
        # A row group at a time, in batches: one that does not decode (a damaged page, bytes that
        # are not what the schema says) costs the rest of that group, reported with where, not
        # the rest of the file.
        for group in range(meta.num_row_groups):
            rows = meta.row_group(group).num_rows
            row = first
            try:
                for batch in pf.iter_batches(batch_size=1024, row_groups=[group]):
                    for rec in batch.to_pylist():
                        row += 1
                        where = f"{rel}:{row}"
                        doc = record_to_document(rec, where, where, opts, stats, rel)
                        doc.metadata["row"] = row
                        yield doc
            except Exception as exc:  # pyarrow raises many kinds (ArrowInvalid, OSError, UnicodeDecodeError)
                kind = "read_failed" if isinstance(exc, RetriesExhausted) else "corrupt_file"
                stats.input_error(kind, f"{rel}:{row + 1}", f"row group {group} does not decode from row "
                                  f"{row + 1:,} on ({first + rows - row:,} rows lost): {type(exc).__name__}: {exc}")
            first += rows
