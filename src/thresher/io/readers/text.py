"""Plain-text files: one document per file, id = the path relative to the folder given."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from thresher.document import Document
from thresher.io.readers.base import ReadOptions
from thresher.io.readers.open import decode, read_capped
from thresher.stats import Stats


def read_text_file(path: Path, rel: str, opts: ReadOptions, stats: Stats) -> Iterator[Document]:
    data, cut = read_capped(path, opts.max_bytes, opts)
    if cut is not None and (cut[0] == "unreadable_file" or (cut[0] == "read_failed" and not data)):
        stats.input_error(cut[0], rel, cut[1])
        return
    if len(data) > opts.max_bytes:
        stats.input_error("record_too_large", rel, f"more than {opts.max_bytes:,} bytes")
        doc = Document(rel, "", metadata={"source": rel})
        doc.drop("read", "input:too_large", f"{rel}: more than {opts.max_bytes:,} bytes, not read")
        yield doc
        return
    meta: dict = {"source": rel}
    if cut is not None:  # a truncated .txt.gz: keep what was read, flagged
        stats.input_error(cut[0], f"{rel}@{len(data)}", cut[1])
        meta["truncated"] = True
    text, replaced = decode(data)
    doc = Document(rel, text, metadata=meta)
    if replaced:
        doc.metadata["decode_errors"] = True
        stats.input_error("invalid_utf8", rel, "invalid UTF-8 replaced with U+FFFD")
    yield doc
