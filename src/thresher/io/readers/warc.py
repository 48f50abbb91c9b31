"""WARC and WET files (.warc, .warc.gz, .wet, .wet.gz), read with FastWARC.

* WARC ``response`` records with HTTP 200 and an HTML content type become HTML documents
  (``metadata["format"] = "html"``, ``original`` = the decoded page) for the ``extract`` step.
* WET ``conversion`` records become plain-text documents.
* Everything else (requests, metadata, warcinfo, redirects, 404s, images, PDFs) is skipped and
  counted by reason in ``stats.skipped_records`` (``warc:record_type:request``,
  ``warc:http_status:404``, ``warc:not_html``).

Id: the WARC-Record-ID. Records are split by :mod:`thresher.io.readers.warc_framing`, which
gets past a wrong Content-Length, bytes between records and a gzip member that does not
decompress (each reported with the file and byte offset; what follows is read). A record cut
short (a truncated file or gzip member) is an input error with file and offset, and is dropped
as ``input:truncated`` carrying what was read (``ReadOptions.keep_truncated`` keeps it instead,
flagged ``metadata["truncated"]``). A record over ``max_bytes`` is dropped as ``input:too_large``
with its first bytes and where it is.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from thresher.document import Document
from thresher.io.readers.base import ReadOptions
from thresher.io.readers.html import charset_from_content_type, html_document
from thresher.io.readers.open import open_raw, unreadable_kind
from thresher.io.readers.warc_framing import Damage, RawRecord, warc_records
from thresher.io.store import RetriesExhausted
from thresher.stats import Stats

HTML_TYPES = ("text/html", "application/xhtml+xml")


def framed_records(stream: BinaryIO, opts: ReadOptions, gzip_name: bool = False) -> Iterator[RawRecord | Damage]:
    return warc_records(stream, opts.max_bytes, opts.too_large_head_bytes, gzip_name)


def read_warc(path: Path, rel: str, opts: ReadOptions, stats: Stats,
              records: Callable[[BinaryIO, ReadOptions, bool], Iterable[RawRecord | Damage]] = framed_records) -> Iterator[Document]:
    try:
        f = open_raw(path, opts)
    except OSError as exc:
        stats.input_error(unreadable_kind(exc), rel, str(exc))
        return
    with f:
        it = iter(records(f, opts, str(path).lower().endswith(".gz")))
        last = 0
        while True:
            try:
                raw = next(it)
            except StopIteration:
                break
            except (FileNotFoundError, PermissionError):
                raise  # gone or denied part way: the file is unreadable, not damaged
            except Exception as exc:  # a stream that fails to read ends the file, not the run
                kind = "read_failed" if isinstance(exc, RetriesExhausted) else "truncated_file"
                stats.input_error(kind, f"{rel}@{last}", f"{type(exc).__name__}: {exc}")
                return
            if isinstance(raw, Damage):
                stats.input_error(raw.kind, f"{rel}@{raw.at}", raw.message)
                continue
            last = raw.offset
            try:
                doc = record_to_document(raw, rel, opts, stats)
            except Exception as exc:  # one odd record costs that record, not the rest of the file
                stats.input_error("reader_error", f"{rel}@{raw.at}", f"{type(exc).__name__}: {exc}")
                continue
            if doc is not None:
                yield doc


def record_to_document(raw: RawRecord, rel: str, opts: ReadOptions, stats: Stats) -> Document | None:
    """The document a record holds, or None (skipped, counted by reason)."""
    rtype = raw.record_type
    where = f"{rel}@{raw.at}"
    if raw.cut is not None:  # counted whatever the record holds: a cut is damage to the file
        stats.input_error(raw.cut[0], where, raw.cut[1])
    if rtype not in ("response", "conversion"):
        stats.skipped(f"warc:record_type:{rtype}")
        return None
    h = raw.headers
    rid = h.get("WARC-Record-ID", "").strip() or where
    meta: dict = {
        "source": rel,
        "offset": raw.offset,
        "url": _strip_brackets(h.get("WARC-Target-URI", "")),
        "crawl_date": h.get("WARC-Date", ""),
        "record_id": rid,
    }
    if raw.at != str(raw.offset):  # a record inside a gzip member, not at its start
        meta["offset_in_member"] = int(raw.at.split("+", 1)[1])
    if raw.block is None:  # over the size cap: a dropped document, so it is seen, not lost
        return _too_large(rid, meta, stats, where, raw.content_length, raw.head, opts.max_bytes)
    doc = _document(raw, raw.block, rid, meta, opts, stats, where)
    if raw.cut is None:
        return doc
    kind, message = raw.cut
    if doc is not None:
        # What was read of a page cut short is no page: dropped with what was read, unless asked
        doc.metadata["truncated"] = True
        if kind != "truncated_record" or not opts.keep_truncated:
            reason = "input:truncated" if kind == "truncated_record" else "input:corrupt"
            doc.drop("read", reason, f"{where}: {message}")
    return doc


def _document(raw: RawRecord, block: bytes, rid: str, meta: dict, opts: ReadOptions, stats: Stats,
              where: str) -> Document | None:
    """The document of a response or conversion block, or None (skipped, counted by reason)."""
    rtype, h = raw.record_type, raw.headers
    truncated = len(block) < raw.content_length

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
    except _TooLarge as big:
        return _too_large(rid, meta, stats, where, None, big.args[0][:opts.too_large_head_bytes], opts.max_bytes)
    if problem:
        stats.input_error("bad_http_encoding", where, problem)
        if payload is None:
            stats.skipped("warc:bad_http_encoding")
            return None
    declared = charset_from_content_type(content_type)
    return html_document(rid, payload, declared, meta, stats, where)


def _too_large(rid: str, meta: dict, stats: Stats, where: str, size: int | None, head: bytes, max_bytes: int) -> Document:
    """A record over the size cap, dropped: its first bytes as its text, and where it is."""
    what = f"{size:,} bytes" if size is not None else "decoded content-encoding over the cap"
    stats.input_error("record_too_large", where, f"{what} > {max_bytes:,}")
    if size is not None:
        meta["size"] = size
    doc = Document(rid, head.decode("utf-8", errors="replace"), metadata=meta)
    doc.drop("read", "input:too_large", f"{where}: {what}, not read; the text here is its first {len(head):,} bytes")
    return doc


class _TooLarge(Exception):
    """A compressed payload inflates past ReadOptions.max_bytes (a gzip bomb, or just huge)."""


def _inflate(data: bytes, wbits: int, max_bytes: int) -> bytes:
    # Bounded: at most max_bytes + 1 bytes come out, whatever the input claims.
    out = zlib.decompressobj(wbits).decompress(data, max_bytes + 1)
    if len(out) > max_bytes:
        raise _TooLarge(out)
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
