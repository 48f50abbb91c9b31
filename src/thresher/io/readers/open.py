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
