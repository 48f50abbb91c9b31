"""JSON Lines, plain or compressed (.gz, .zst). One record per line; bad lines are counted and kept."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import BinaryIO, Iterator

import orjson

from thresher.document import Document
from thresher.io.readers.base import ReadOptions
from thresher.io.readers.open import damage_kind, decode, open_binary
from thresher.io.readers.records import record_to_document
from thresher.stats import Stats

_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 20
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_jsonl(path: Path, rel: str, opts: ReadOptions, stats: Stats,
               byte_range: tuple[int, int | None] | None = None, lines_before: int = 0) -> Iterator[Document]:
    """Every record of the file; or, for a plain file, those of the lines that start inside
    ``byte_range`` (a line start, found at planning, and the next shard's), numbered from
    ``lines_before``: a shard of a large file seeks to its bytes and reads only them."""
    with open_binary(path, opts) as f:
        lineno = lines_before
        pos, stop = 0, None
        if byte_range is not None:
            pos, stop = byte_range
            f.seek(pos)
        while True:
            if stop is not None and pos >= stop:
                return
            start = pos
            try:
                # Bounded: a line longer than max_bytes is never held in memory whole.
                line = f.readline(opts.max_bytes + 1)
                size = len(line)
                if size > opts.max_bytes and not line.endswith(b"\n"):
                    size += _skip_rest_of_line(f)
                pos += size
            except (FileNotFoundError, PermissionError):
                raise  # gone or denied part way (deleted mid-run): the file is unreadable, not truncated
            except (OSError, EOFError) as exc:  # a truncated or corrupt gzip/zstd stream: keep what was read
                stats.input_error(damage_kind(exc), f"{rel}:{lineno + 1}", str(exc))
                return
            if not line:
                return
            lineno += 1
            if lineno == 1 and line.startswith(_BOM):  # orjson refuses a byte-order mark
                line = line[len(_BOM):]
            where = f"{rel}:{lineno}"
            if not line.strip():
                continue
            if size > opts.max_bytes:
                # Its first bytes ride along to rejected/, with where the whole line is.
                stats.input_error("record_too_large", where, f"{size:,} bytes > {opts.max_bytes:,}")
                head, _ = decode(line[:opts.too_large_head_bytes])
                doc = Document(where, head, metadata={"source": rel, "line": lineno, "offset": start, "size": size})
                doc.drop("read", "input:too_large",
                         f"{where}: {size:,} bytes, not parsed; the text here is its first {len(line[:opts.too_large_head_bytes]):,} bytes")
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
                what = "invalid UTF-8" if replaced == "invalid_utf8" else "lone surrogate escapes"
                stats.input_error(replaced, where, f"{what} replaced with U+FFFD")
            yield doc


def _skip_rest_of_line(f: BinaryIO) -> int:
    """Read past the rest of an over-long line in chunks, keeping none of it; its byte count."""
    skipped = 0
    while True:
        chunk = f.readline(_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _parse(line: bytes) -> tuple[object, str | None, str | None]:
    """(record, error, what was replaced: None, "invalid_utf8" or "lone_surrogate").

    orjson refuses invalid UTF-8 and lone surrogate escapes ("\\ud800") outright. Invalid bytes
    are decoded with replacement and the line parsed again; a line orjson still refuses is parsed
    by the stdlib json, and kept only if lone surrogates were its problem (they become U+FFFD).
    Either way one bad character does not cost the whole record, and the document is flagged."""
    try:
        return orjson.loads(line), None, None
    except orjson.JSONDecodeError as exc:
        error = str(exc)
    text, bad_bytes = decode(line)
    replaced = "invalid_utf8" if bad_bytes else None
    if bad_bytes:
        try:
            return orjson.loads(text), None, replaced
        except orjson.JSONDecodeError as exc2:
            error = str(exc2)
    if "\\u" not in text:
        return None, error, replaced
    try:
        rec = json.loads(text)
    except (ValueError, RecursionError):
        return None, error, replaced
    rec, surrogates = _replace_surrogates(rec)
    if not surrogates:
        return None, error, replaced  # the stdlib accepts what orjson rightly refuses (NaN): keep refusing
    return rec, None, replaced or "lone_surrogate"


def _replace_surrogates(value: object) -> tuple[object, bool]:
    """``value`` with lone surrogates in its strings (keys too) replaced by U+FFFD; whether any were."""
    if isinstance(value, str):
        if _SURROGATE.search(value):
            return _SURROGATE.sub("\ufffd", value), True
        return value, False
    if isinstance(value, list):
        found = False
        out = []
        for v in value:
            v, f = _replace_surrogates(v)
            out.append(v)
            found |= f
        return out, found
    if isinstance(value, dict):
        found = False
        d = {}
        for k, v in value.items():
            k, fk = _replace_surrogates(k)
            v, fv = _replace_surrogates(v)
            d[k] = v
            found |= fk or fv
        return d, found
    return value, False
