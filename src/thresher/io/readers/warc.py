"""WARC and WET files (.warc, .warc.gz, .wet, .wet.gz), read with FastWARC.

* WARC ``response`` records with HTTP 200 and an HTML content type become HTML documents
  (``metadata["format"] = "html"``, ``original`` = the decoded page) for the ``extract`` step.
* WET ``conversion`` records become plain-text documents.
* Everything else (requests, metadata, warcinfo, redirects, 404s, images, PDFs) is skipped and
  counted by reason in ``stats.skipped_records`` (``warc:record_type:request``,
  ``warc:http_status:404``, ``warc:not_html``).

Id: the WARC-Record-ID. A record cut short (truncated file or gzip member) is counted as an
input error with the file and byte offset, and what was read of it is kept, flagged
``metadata["truncated"]``. FastWARC was chosen over warcio by measurement (bench/warc_bench.py).

Records are read whole (``parse_http=False``) and the HTTP head is parsed here: FastWARC
silently returns a short payload for a truncated record, and only the block length against the
WARC Content-Length tells.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from fastwarc.warc import ArchiveIterator, WarcRecordType

from thresher.document import Document
from thresher.io.readers.base import ReadOptions
from thresher.io.readers.html import charset_from_content_type, html_document
from thresher.io.readers.open import file_size, open_raw, unreadable_kind
from thresher.io.store import RetriesExhausted
from thresher.stats import Stats

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(slots=True)
class RawRecord:
    """One WARC record as the parsing below needs it, whichever library read it."""

    offset: int
    record_type: str
    headers: dict[str, str]
    content_length: int
    #: The record block (HTTP head + payload for a response), or None when it was not read.
    block: bytes | None


def fastwarc_records(stream: BinaryIO, max_bytes: int) -> Iterator[RawRecord]:
    """Records from FastWARC (gzip or plain, detected); blocks over ``max_bytes`` are not read."""
    wanted = {"response", "conversion"}
    for rec in ArchiveIterator(stream, record_types=WarcRecordType.any_type, parse_http=False):
        rtype = _type_name(rec.record_type)
        length = rec.content_length
        block = None
        if rtype in wanted and length <= max_bytes:
            block = rec.reader.read()
        yield RawRecord(rec.stream_pos, rtype, dict(rec.headers), length, block)


def _type_name(t) -> str:
    return str(t)  # FastWARC's record type prints as its WARC-Type name ("response", "request")


def read_warc(path: Path, rel: str, opts: ReadOptions, stats: Stats,
              records: Callable[[BinaryIO, int], Iterable[RawRecord]] = fastwarc_records) -> Iterator[Document]:
    try:
        f = open_raw(path, opts)
    except OSError as exc:
        stats.input_error(unreadable_kind(exc), rel, str(exc))
        return
    with f:
        last = None
        it = iter(records(f, opts.max_bytes))
        while True:
            try:
                raw = next(it)
            except StopIteration:
                break
            except Exception as exc:  # a corrupt stream ends the file, not the run: keep what was read
                stats.input_error("read_failed" if isinstance(exc, RetriesExhausted) else "truncated_file", f"{rel}@{last or 0}", f"{type(exc).__name__}: {exc}")
                return
            last = raw.offset
            try:
                doc = record_to_document(raw, rel, opts, stats)
            except Exception as exc:  # one odd record costs that record, not the rest of the file
                stats.input_error("reader_error", f"{rel}@{raw.offset}", f"{type(exc).__name__}: {exc}")
                continue
            if doc is not None:
                yield doc
    # FastWARC ends quietly at a record it cannot parse (a gzip member cut short, a header cut
    # off): look at what follows the last record it returned, so the loss is counted, not silent.
    where = unread_tail(path, last, opts)
    if where is not None:
        stats.input_error("truncated_file", f"{rel}@{where[0]}", where[1])


def unread_tail(path: Path | str, last_offset: int | None, opts: ReadOptions | None = None) -> tuple[int, str] | None:
    """(offset, what) of bytes after the last record read that hold no complete record, if any."""
    start = last_offset or 0
    size = file_size(path, opts)
    with open_raw(path, opts) as f:
        gzipped = f.read(2) == b"\x1f\x8b"
        f.seek(start)
        if gzipped:
            if f.read(2) != b"\x1f\x8b":
                return None  # one gzip stream for the whole file: records have no member to check
            f.seek(start)
            return _gzip_tail(f, start, skip_first=last_offset is not None)
        if last_offset is None:
            head = f.read(64)
            return (0, "no WARC record could be read") if head.strip() else None
        return _plain_tail(f, start, size)


def _gzip_tail(f: BinaryIO, start: int, skip_first: bool) -> tuple[int, str] | None:
    """Walk the gzip members from ``start``; the first is the last record read (skip it)."""
    members = 0
    member_start = pos = start
    d = zlib.decompressobj(31)
    pending = b""
    while True:
        data = pending or f.read(1 << 20)
        pending = b""
        if not data:
            if pos > member_start and not (members == 0 and skip_first):
                return member_start, "gzip member cut short"
            return None  # clean end (a cut in the last record read was counted with it)
        try:
            d.decompress(data, 1 << 20)  # output discarded, bounded: a bomb cannot fill memory
            while d.unconsumed_tail:
                d.decompress(d.unconsumed_tail, 1 << 20)
        except zlib.error as exc:
            return member_start, f"corrupt gzip member: {exc}"
        if not d.eof:
            pos += len(data)
            continue
        pos += len(data) - len(d.unused_data)
        members += 1
        if members > 1 or not skip_first:
            return member_start, "a complete gzip member holds no record that could be read"
        member_start = pos
        pending = d.unused_data
        d = zlib.decompressobj(31)


def _plain_tail(f: BinaryIO, start: int, size: int) -> tuple[int, str] | None:
    head = f.read(65536)
    end_of_head = head.find(b"\r\n\r\n")
    if end_of_head < 0:
        return None  # the last record itself was cut in its header: counted with it
    length = 0
    for line in head[:end_of_head].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip() or 0)
    end = start + end_of_head + 4 + length
    if end >= size:
        return None
    f.seek(end)
    rest = f.read(4096)
    return (end, "bytes after the last record hold no complete record") if rest.strip() else None


def record_to_document(raw: RawRecord, rel: str, opts: ReadOptions, stats: Stats) -> Document | None:
    """The document a record holds, or None (skipped, counted by reason)."""
    rtype = raw.record_type
    if not any(k.lower() == "content-length" for k in raw.headers):
        # FastWARC hands over a record whose header was cut off (end of a truncated file).
        stats.input_error("truncated_record", f"{rel}@{raw.offset}", "WARC header cut short (no Content-Length)")
        return None
    if rtype not in ("response", "conversion"):
        stats.skipped(f"warc:record_type:{rtype}")
        return None
    h = raw.headers
    where = f"{rel}@{raw.offset}"
    rid = h.get("WARC-Record-ID", "").strip() or where
    meta: dict = {
        "source": rel,
        "offset": raw.offset,
        "url": _strip_brackets(h.get("WARC-Target-URI", "")),
        "crawl_date": h.get("WARC-Date", ""),
        "record_id": rid,
    }
    if raw.block is None:  # over the size cap: a dropped document, so it is seen, not lost
        return _too_large(rid, meta, stats, where, f"{raw.content_length:,} bytes", opts.max_bytes)
    block = raw.block
    truncated = len(block) < raw.content_length
    if truncated:
        stats.input_error("truncated_record", where, f"read {len(block):,} of {raw.content_length:,} bytes")
        meta["truncated"] = True

    if rtype == "conversion":  # WET: already text
        text = block.decode("utf-8", errors="replace")
        meta["content_type"] = h.get("Content-Type", "text/plain")
        if lang := h.get("WARC-Identified-Content-Language"):
            meta["warc_languages"] = lang
        doc = Document(rid, text, metadata=meta)
        if "\ufffd" in text and b"\xef\xbf\xbd" not in block:
            doc.metadata["decode_errors"] = True
            stats.input_error("decode_errors", where, "invalid UTF-8 replaced with U+FFFD")
        return doc

    if not h.get("Content-Type", "").startswith("application/http"):
        stats.skipped("warc:not_http")
        return None
    status, http_headers, payload = parse_http(block)
    meta["http_status"] = status
    if status is None:
        stats.input_error("bad_http_head", where, "no HTTP status line")
        stats.skipped("warc:bad_http_head")
        return None
    if status != 200:
        stats.skipped(f"warc:http_status:{status}")
        return None
    content_type = http_headers.get("content-type", "")
    meta["content_type"] = content_type
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime not in HTML_TYPES and not (not mime and _looks_like_html(payload)):
        stats.skipped("warc:not_html")
        return None
    try:
        payload, problem = _undo_http_encodings(payload, http_headers, truncated, opts.max_bytes)
    except _TooLarge:
        return _too_large(rid, meta, stats, where, "decoded content-encoding over the cap", opts.max_bytes)
    if problem:
        stats.input_error("bad_http_encoding", where, problem)
        if payload is None:
            stats.skipped("warc:bad_http_encoding")
            return None
    declared = charset_from_content_type(content_type)
    return html_document(rid, payload, declared, meta, stats, where)


def _too_large(rid: str, meta: dict, stats: Stats, where: str, size: str, max_bytes: int) -> Document:
    stats.input_error("record_too_large", where, f"{size} > {max_bytes:,}")
    doc = Document(rid, "", metadata=meta)
    doc.drop("read", "input:too_large", f"{where}: {size}, not read")
    return doc


class _TooLarge(Exception):
    """A compressed payload inflates past ReadOptions.max_bytes (a gzip bomb, or just huge)."""


def _inflate(data: bytes, wbits: int, max_bytes: int) -> bytes:
    # Bounded: at most max_bytes + 1 bytes come out, whatever the input claims.
    out = zlib.decompressobj(wbits).decompress(data, max_bytes + 1)
    if len(out) > max_bytes:
        raise _TooLarge
    return out


def parse_http(block: bytes) -> tuple[int | None, dict[str, str], bytes]:
    """(status, lower-cased headers, payload) of an HTTP response block; tolerant of bare LF."""
    end = block.find(b"\r\n\r\n", 0, 65536)
    sep = 4
    lf = block.find(b"\n\n", 0, end if end >= 0 else 65536)  # bare-LF heads, only before a CRLF one
    if end < 0 or lf >= 0:
        end, sep = lf, 2
    if end < 0:
        head, payload = block, b""
    else:
        head, payload = block[:end], block[end + sep:]
    lines = head.decode("latin-1").splitlines()
    if not lines or not lines[0].startswith("HTTP/"):
        return None, {}, payload
    parts = lines[0].split(None, 2)
    try:
        status = int(parts[1])
    except (IndexError, ValueError):
        return None, {}, payload
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    return status, headers, payload


def _undo_http_encodings(payload: bytes, headers: dict[str, str], truncated: bool,
                         max_bytes: int) -> tuple[bytes | None, str | None]:
    """Remove chunked transfer encoding and gzip/deflate content encoding, as a browser would.
    Common Crawl stores payloads already decoded; wget and other crawlers may not. Raises
    _TooLarge when the decoded payload would pass ``max_bytes``."""
    problem = None
    if "chunked" in headers.get("transfer-encoding", "").lower():
        payload, ok = _dechunk(payload)
        if not ok and not truncated:
            problem = "malformed chunked encoding (kept what parsed)"
    enc = headers.get("content-encoding", "").strip().lower()
    if enc in ("gzip", "x-gzip", "deflate"):
        try:
            payload = _inflate(payload, 47 if enc != "deflate" else zlib.MAX_WBITS, max_bytes)
        except zlib.error:
            try:  # raw deflate, as some servers send
                payload = _inflate(payload, -zlib.MAX_WBITS, max_bytes)
            except zlib.error as exc:
                return None, f"content-encoding {enc}: {exc}"
    elif enc not in ("", "identity"):
        return None, f"unsupported content-encoding {enc!r}"
    return payload, problem


def _dechunk(data: bytes) -> tuple[bytes, bool]:
    out = []
    pos = 0
    while True:
        eol = data.find(b"\r\n", pos)
        if eol < 0:
            return b"".join(out), False
        size_field = data[pos:eol].split(b";", 1)[0].strip()
        try:
            size = int(size_field, 16)
        except ValueError:
            return (b"".join(out), False) if out else (data, False)  # not chunked after all
        if size == 0:
            return b"".join(out), True
        out.append(data[eol + 2: eol + 2 + size])
        pos = eol + 2 + size + 2
        if pos > len(data):
            return b"".join(out), False


def _looks_like_html(payload: bytes) -> bool:
    head = payload[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _strip_brackets(uri: str) -> str:
    uri = uri.strip()
    return uri[1:-1] if uri.startswith("<") and uri.endswith(">") else uri
