"""What readers of one-document files (text, HTML) share: a file over the size cap, a file cut short."""

from __future__ import annotations

from thresher.document import Document
from thresher.io.readers.base import ReadOptions
from thresher.io.readers.open import decode
from thresher.stats import Stats


def too_large_file(rel: str, data: bytes, opts: ReadOptions, stats: Stats, meta: dict) -> Document:
    """A one-document file over ``max_bytes``, dropped: its first bytes as its text."""
    stats.input_error("record_too_large", rel, f"more than {opts.max_bytes:,} bytes")
    head, _ = decode(data[:opts.too_large_head_bytes])
    doc = Document(rel, head, metadata=meta)
    doc.drop("read", "input:too_large",
             f"{rel}: more than {opts.max_bytes:,} bytes, not read; the text here is its first {len(data[:opts.too_large_head_bytes]):,} bytes")
    return doc


def cut_short(doc: Document, rel: str, size: int, cut: tuple[str, str], opts: ReadOptions, stats: Stats) -> None:
    """A one-document file whose stream ended early (a truncated or corrupt .gz): counted, and
    dropped with what was read unless ``keep_truncated`` (then kept, flagged)."""
    kind, message = cut
    stats.input_error(kind, f"{rel}@{size}", message)
    doc.metadata["truncated"] = True
    if kind != "truncated_file" or not opts.keep_truncated:
        reason = {"truncated_file": "input:truncated", "corrupt_file": "input:corrupt"}.get(kind, f"input:{kind}")
        doc.drop("read", reason, f"{rel}@{size}: {message}")
