"""HTML files (.html, .htm, .html.gz): one document per file, and the charset decoding WARC shares.

The document's ``original`` is the decoded HTML and ``metadata["format"] = "html"``: the
``extract`` step turns it into line-per-paragraph text. Id: the path relative to the folder given.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Iterator

from resiliparse.parse.encoding import detect_encoding

from thresher.document import Document
from thresher.io.readers.base import ReadOptions
from thresher.io.readers.open import read_capped
from thresher.io.readers.whole_file import cut_short, too_large_file
from thresher.stats import Stats

# <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">, read
# from the first bytes as HTML5 prescribes (the prescan looks at 1024 bytes; pages in the wild
# put it later, behind long <script> blocks, so look further).
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
META_SCAN_BYTES = 8192

# WHATWG: these labels mean windows-1252 on the web.
_WEB_ALIASES = {"latin_1": "cp1252", "ascii": "cp1252", "iso8859_1": "cp1252"}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = _HEADER_CHARSET.search(content_type)
    return m.group(1) if m else None


def meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data, 0, META_SCAN_BYTES)
    return m.group(1).decode("ascii", "replace") if m else None


def _codec(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when Python does not know it."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'").lower()).name
    except LookupError:
        return None
    name = _WEB_ALIASES.get(name.replace("-", "_"), name)
    return name


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str, str, bool]:
    """Decode page bytes: ``(text, charset used, where it came from, bytes were replaced)``.

    Order: a byte-order mark; then UTF-8 if the bytes are valid UTF-8 (whatever a label says: a
    mislabelled or unlabelled UTF-8 page is common, valid UTF-8 by accident is not, and byte
    statistics mistake it for windows-1252); then the declared charset (HTTP header), then
    ``<meta charset>``, each only if the bytes really decode with it; else detection. Never
    raises: bad bytes become U+FFFD.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(name, errors="replace")
            return text, name, "bom", "\ufffd" in text
    candidates: list[tuple[str, str]] = []
    for source, label in (("http", declared), ("meta", meta_charset(data))):
        name = _codec(label)
        if name and all(name != c for c, _ in candidates):
            candidates.append((name, source))
    # codecs names are hyphenated ("utf-16-le"): normalise before comparing. A UTF-16 page of
    # ASCII text is valid UTF-8 too (NUL bytes), so the UTF-8 shortcut must not run for it.
    if not any(n.replace("-", "_").startswith(("utf_16", "utf_32")) for n, _ in candidates):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if data.isascii():  # every ASCII-compatible label reads it the same
                name, source = candidates[0] if candidates else ("utf-8", "ascii")
                return text, name, source, False
            source = next((src for n, src in candidates if n == "utf-8"), "valid_utf8")
            return text, "utf-8", source, False
    for name, source in candidates:
        try:
            return data.decode(name), name, source, False
        except (UnicodeDecodeError, LookupError):
            continue
    detected = _codec(detect_encoding(data)) or "utf-8"
    try:
        return data.decode(detected), detected, "detected", False
    except (UnicodeDecodeError, LookupError):
        pass
    # Nothing decodes cleanly: use the best guess and replace what does not fit.
    name, source = candidates[0] if candidates else (detected, "detected")
    return data.decode(name, errors="replace"), name, source, True


def html_document(doc_id: str, data: bytes, declared: str | None, metadata: dict, stats: Stats, where: str) -> Document:
    """A Document carrying decoded HTML, flagged when bytes had to be replaced."""
    text, charset, source, replaced = decode_html(data, declared)
    meta = dict(metadata)
    meta["format"] = "html"
    meta["charset"] = charset
    meta["charset_source"] = source
    if declared:
        meta["charset_declared"] = declared
    doc = Document(doc_id, text, metadata=meta)
    if replaced:
        doc.metadata["decode_errors"] = True
        stats.input_error("decode_errors", where, f"bytes not valid {charset} replaced with U+FFFD")
    return doc


def read_html_file(path: Path, rel: str, opts: ReadOptions, stats: Stats) -> Iterator[Document]:
    data, cut = read_capped(path, opts.max_bytes, opts)
    if cut is not None and (cut[0] == "unreadable_file" or (cut[0] == "read_failed" and not data)):
        stats.input_error(cut[0], rel, cut[1])
        return
    size = len(data)
    if size > opts.max_bytes:
        yield too_large_file(rel, data, opts, stats, {"source": rel, "format": "html"})
        return
    doc = html_document(rel, data, None, {"source": rel}, stats, rel)
    if cut is not None:
        cut_short(doc, rel, size, cut, opts, stats)
    yield doc
