"""Plain-text files: one document per file, id = the path relative to the folder given."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from thresher.document import Document
from thresher.io.readers.base import ReadOptions
from thresher.io.readers.open import decode, read_capped
from thresher.io.readers.whole_file import cut_short, too_large_file
from thresher.stats import Stats


def read_text_file(path: Path, rel: str, opts: ReadOptions, stats: Stats) -> Iterator[Document]:
    data, cut = read_capped(path, opts.max_bytes, opts)
    if cut is not None and (cut[0] == "unreadable_file" or (cut[0] == "read_failed" and not data)):
        stats.input_error(cut[0], rel, cut[1])
        return
    if len(data) > opts.max_bytes:
        yield too_large_file(rel, data, opts, stats, {"source": rel})
        return
    meta: dict = {"source": rel}
    text, replaced = decode(data)
    doc = Document(rel, text, metadata=meta)
    if replaced:
        doc.metadata["decode_errors"] = True
        stats.input_error("invalid_utf8", rel, "invalid UTF-8 replaced with U+FFFD")
    if cut is not None:
        cut_short(doc, rel, len(data), cut, opts, stats)
    yield doc
