"""Open plain, gzip or zstandard files as binary streams, chosen by the file name."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import BinaryIO

import zstandard


def open_binary(path: Path | str) -> BinaryIO:
    name = str(path).lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if name.endswith(".zst"):
        raw = open(path, "rb")
        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(raw, closefd=True))  # type: ignore[arg-type]
    return open(path, "rb")


def decode(data: bytes) -> tuple[str, bool]:
    """UTF-8 text and whether bytes had to be replaced (the document is flagged, not lost)."""
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), True


def read_capped(path: Path | str, max_bytes: int) -> tuple[bytes, str | None]:
    """A one-document file's bytes (stops once past ``max_bytes``: the caller drops it as too
    large) and the error that cut it short, if any. A truncated .gz raises EOFError part way, a
    missing or corrupt file OSError: either way what was read before the error is returned."""
    chunks: list[bytes] = []
    size = 0
    try:
        with open_binary(path) as f:
            while size <= max_bytes:
                chunk = f.read(1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except (OSError, EOFError) as exc:
        return b"".join(chunks), f"{type(exc).__name__}: {exc}"
    return b"".join(chunks), None
