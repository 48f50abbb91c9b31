"""Plain-text files: one document per file, id = the path relative to the folder given."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from thresher.document import Document
from thresher.io.readers.base import ReadOptions
from thresher.io.readers.open import decode, open_binary
from thresher.stats import Stats


def read_text_file(path: Path, rel: str, opts: ReadOptions, stats: Stats) -> Iterator[Document]:
    try:
        with open_binary(path) as f:
            data = f.read(opts.max_bytes + 1)
    except OSError as exc:
        stats.input_error("unreadable_file", rel, str(exc))
        return
    if len(data) > opts.max_bytes:
        stats.input_error("record_too_large", rel, f"more than {opts.max_bytes:,} bytes")
        doc = Document(rel, "", metadata={"source": rel})
        doc.drop("read", "input:too_large", f"{rel}: more than {opts.max_bytes:,} bytes, not read")
        yield doc
        return
    text, replaced = decode(data)
    doc = Document(rel, text, metadata={"source": rel})
    if replaced:
        doc.metadata["decode_errors"] = True
        stats.input_error("invalid_utf8", rel, "invalid UTF-8 replaced with U+FFFD")
    yield doc
