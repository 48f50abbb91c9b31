"""JSON Lines, plain or compressed (.gz, .zst). One record per line; bad lines are counted and kept."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import orjson

from thresher.document import Document
from thresher.io.readers.base import ReadOptions
from thresher.io.readers.open import decode, open_binary
from thresher.io.readers.records import record_to_document
from thresher.stats import Stats


def read_jsonl(path: Path, rel: str, opts: ReadOptions, stats: Stats) -> Iterator[Document]:
    with open_binary(path) as f:
        lineno = 0
        while True:
            try:
                line = f.readline()
            except (OSError, EOFError) as exc:  # truncated gzip/zstd stream: keep what was read
                stats.input_error("truncated_file", f"{rel}:{lineno + 1}", str(exc))
                return
            if not line:
                return
            lineno += 1
            where = f"{rel}:{lineno}"
            if not line.strip():
                continue
            if len(line) > opts.max_bytes:
                stats.input_error("record_too_large", where, f"{len(line):,} bytes > {opts.max_bytes:,}")
                doc = Document(where, "", metadata={"source": rel, "line": lineno})
                doc.drop("read", "input:too_large", f"{where}: {len(line):,} bytes, not parsed")
                yield doc
                continue
            rec, error, replaced = _parse(line)
            if error is not None:
                text, _ = decode(line.rstrip(b"\r\n"))
                stats.input_error("malformed_json", where, error)
                doc = Document(where, text, metadata={"source": rel, "line": lineno})
                doc.drop("read", "input:malformed_json", f"{where}: {error}")
                yield doc
                continue
            doc = record_to_document(rec, where, where, opts, stats, rel)
            doc.metadata["line"] = lineno
            if replaced:
                doc.metadata["decode_errors"] = True
                stats.input_error("invalid_utf8", where, "invalid UTF-8 replaced with U+FFFD")
            yield doc


def _parse(line: bytes) -> tuple[object, str | None, bool]:
    """(record, error, bytes_replaced). orjson refuses invalid UTF-8 outright; such a line is
    decoded with replacement and parsed again, so one bad byte does not cost the whole record."""
    try:
        return orjson.loads(line), None, False
    except orjson.JSONDecodeError as exc:
        text, replaced = decode(line)
        if not replaced:
            return None, str(exc), False
        try:
            return orjson.loads(text), None, True
        except orjson.JSONDecodeError as exc2:
            return None, str(exc2), True
