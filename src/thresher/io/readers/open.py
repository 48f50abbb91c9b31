"""Open input files, local or remote (any fsspec URL), as binary streams: raw, or decompressed
(plain, gzip or zstandard, chosen by the file name). The one place readers open files."""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path
from typing import Any, BinaryIO

import zstandard


def _options(opts: Any) -> dict:
    return dict(getattr(opts, "storage_options", None) or {})


def open_raw(path: Path | str, opts: Any = None) -> BinaryIO:
    """The file's bytes as stored (seekable where the filesystem allows), streamed, not copied."""
    path = str(path)
    if "://" not in path:
        return open(path, "rb")
    from thresher.io.store import Store, retrying, split_url

    proto, rest = split_url(path)
    store = Store(f"{proto}://", _options(opts))
    f = retrying(lambda: store.fs.open(rest, "rb"), f"opening {path}")
    # fsspec's files are read in large blocks but lack parts of the io API readers use
    # (readline(size), peek): a BufferedReader over them gives every reader the same file object.
    return io.BufferedReader(f, buffer_size=1 << 20)  # type: ignore[arg-type]


def file_size(path: Path | str, opts: Any = None) -> int:
    path = str(path)
    if "://" not in path:
        return os.path.getsize(path)
    from thresher.io.store import Store, retrying, split_url

    proto, rest = split_url(path)
    store = Store(f"{proto}://", _options(opts))
    return int(retrying(lambda: store.fs.size(rest), f"reading the size of {path}"))


def open_binary(path: Path | str, opts: Any = None) -> BinaryIO:
    """The file's content, decompressed by its name's ending (.gz, .zst)."""
    name = str(path).lower()
    raw = open_raw(path, opts)
    if name.endswith(".gz"):
        g = gzip.GzipFile(fileobj=raw, mode="rb")
        g.myfileobj = raw  # GzipFile closes the file it was given only through this attribute
        return g  # type: ignore[return-value]
    if name.endswith(".zst"):
        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(raw, closefd=True))  # type: ignore[arg-type]
    return raw


def decode(data: bytes) -> tuple[str, bool]:
    """UTF-8 text and whether bytes had to be replaced (the document is flagged, not lost)."""
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), True


def read_capped(path: Path | str, max_bytes: int, opts: Any = None) -> tuple[bytes, str | None]:
    """A one-document file's bytes (stops once past ``max_bytes``: the caller drops it as too
    large) and the error that cut it short, if any. A truncated .gz raises EOFError part way, a
    missing or corrupt file OSError: either way what was read before the error is returned."""
    chunks: list[bytes] = []
    size = 0
    try:
        with open_binary(path, opts) as f:
            while size <= max_bytes:
                chunk = f.read(1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except (OSError, EOFError) as exc:
        return b"".join(chunks), f"{type(exc).__name__}: {exc}"
    return b"".join(chunks), None
