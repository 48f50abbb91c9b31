"""Open input files, local or remote (any fsspec URL), as binary streams: raw, or decompressed
(plain, gzip or zstandard, chosen by the file name). The one place readers open files.

A decompressed stream that ends early raises :class:`EOFError` once everything before the cut has
been read (gzip does this itself; python-zstandard's reader ends quietly inside an incomplete
frame, so the frames are followed here); compressed data that does not decode raises
:class:`CorruptStream`. Readers count the first as ``truncated_file``, the second as
``corrupt_file``, and keep what came before.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from pathlib import Path
from typing import Any, BinaryIO

import zstandard

from thresher.io.store import RetriesExhausted, RetryingReader, Store, retrying, split_url


def _options(opts: Any) -> dict:
    return dict(getattr(opts, "storage_options", None) or {})


def open_raw(path: Path | str, opts: Any = None) -> BinaryIO:
    """The file's bytes as stored (seekable where the filesystem allows), streamed, not copied."""
    path = str(path)
    if "://" not in path:
        return open(path, "rb")
    proto, rest = split_url(path)
    store = Store(f"{proto}://", _options(opts))
    # Reads are retried, and a stream cut part way is reopened where it stopped (RetryingReader).
    # fsspec's files lack parts of the io API readers use (readline(size), peek): a BufferedReader
    # gives every reader the same file object.
    f = RetryingReader(lambda: store.fs.open(rest, "rb"), path)
    return io.BufferedReader(f, buffer_size=1 << 20)  # type: ignore[return-value]


def file_size(path: Path | str, opts: Any = None) -> int:
    path = str(path)
    if "://" not in path:
        return os.path.getsize(path)
    proto, rest = split_url(path)
    store = Store(f"{proto}://", _options(opts))
    return int(retrying(lambda: store.fs.size(rest), f"reading the size of {path}"))


def open_binary(path: Path | str, opts: Any = None) -> BinaryIO:
    """The file's content, decompressed by its name's ending (.gz, .zst)."""
    name = str(path).lower()
    raw = open_raw(path, opts)
    if name.endswith(".gz"):
        return io.BufferedReader(_Checked(GzipMembers(raw), "gzip"))  # type: ignore[return-value]
    if name.endswith(".zst"):
        walker = ZstdFrames(raw)
        # Small reads: zstd hands out nothing of a read that meets damage, so what a read holds
        # before the damaged block is lost with it; 16 KB bounds that loss.
        reader = zstandard.ZstdDecompressor().stream_reader(walker, read_size=ZSTD_READ, read_across_frames=True, closefd=True)
        return io.BufferedReader(_Checked(reader, "zstd", walker))  # type: ignore[return-value]
    return raw


class CorruptStream(OSError):
    """Compressed data that does not decode (a bad block, a failed checksum, bytes that are not
    the format at all)."""


class _Checked(io.RawIOBase):
    """A decompressing stream whose errors say what happened: EOFError for a cut, CorruptStream
    for bad data; for zstd, an end inside a frame is a cut too."""

    def __init__(self, inner, what: str, frames: "ZstdFrames | None" = None) -> None:
        self._inner = inner
        self._what = what
        self._frames = frames
        self._out = 0  # decompressed bytes handed out

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        try:
            # read1: one step of the decompressor, so what precedes a cut is handed out before
            # the error (a readinto that fills the whole buffer would lose it).
            data = self._inner.read1(len(b))
        except EOFError:
            raise EOFError(f"{self._what} stream cut short after {self._out:,} decompressed bytes") from None
        except (zlib.error, gzip.BadGzipFile, zstandard.ZstdError) as exc:
            raise CorruptStream(f"corrupt {self._what} data after {self._out:,} decompressed bytes: {exc}") from None
        n = len(data)
        b[:n] = data
        if not n and self._frames is not None and self._frames.pos == 0:
            raise EOFError("empty file: no zstd frame")
        if not n and self._frames is not None and not self._frames.at_frame_end():
            raise EOFError(f"zstd stream cut short after {self._out:,} decompressed bytes: the file ends inside a frame "
                           f"(at byte {self._frames.pos:,})")
        self._out += n
        return n

    def close(self) -> None:
        if not self.closed:
            self._inner.close()
        super().close()


class GzipMembers:
    """The decompressed bytes of a gzip file (every member, as gzip -d gives them), handing out
    everything that decodes before damage. zlib raises without returning what the failing call
    decoded, so input is fed a slice at a time from a copy of the decompressor's state, and the
    slice that fails is fed again a byte at a time: every byte before the damage comes out first.
    Raises EOFError for a file that ends inside a member (or holds none), zlib.error for data
    that does not decode."""

    _FEED = 1 << 16

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._pending = b""
        self._d = None
        self._members = 0
        self._error: Exception | None = None
        self._eof = False
        self._out = b""  # decompressed ...
        self._o = 0  # ... of which this much was handed out

    def read1(self, n: int = -1) -> bytes:
        if self._o >= len(self._out):
            self._out, self._o = self._next(), 0
        end = len(self._out) if n < 0 else self._o + n
        out = self._out[self._o:end]
        self._o += len(out)
        return out

    def _next(self) -> bytes:
        while True:
            if self._error is not None:
                error, self._error = self._error, None
                raise error
            if self._eof:
                return b""
            if not self._pending:
                self._pending = self._raw.read(self._FEED)
            if self._d is None:
                if not self._pending:
                    self._eof = True
                    if not self._members:
                        raise EOFError("empty file: no gzip member")
                    return b""
                if len(self._pending) < 3:
                    self._pending += self._raw.read(self._FEED)
                if not self._pending.startswith(b"\x1f\x8b\x08"):
                    self._eof = True
                    raise zlib.error("bytes after the last gzip member are not gzip data" if self._members else "not gzip data")
                self._d = zlib.decompressobj(31)
                self._members += 1
            if not self._pending:
                out = self._d.decompress(b"", 1 << 20)
                if not out and not self._d.eof:
                    self._eof = True
                    raise EOFError("the file ends inside a gzip member")
            else:
                out = self._feed(self._pending)
            if self._d is not None and self._d.eof:
                self._pending = self._d.unused_data
                self._d = None
            if out:
                return out

    def _feed(self, data: bytes) -> bytes:
        d = self._d
        before = d.copy()
        try:
            out = d.decompress(data, 1 << 20)
        except zlib.error as exc:
            # Again from the state before, a byte at a time, to keep what precedes the damage.
            d = self._d = before
            got = []
            for i in range(len(data)):
                try:
                    got.append(d.decompress(data[i:i + 1]))
                except zlib.error:
                    break
            self._error, self._pending = exc, b""
            return b"".join(got)
        self._pending = d.unconsumed_tail
        return out

    def close(self) -> None:
        self._raw.close()


_ZSTD_MAGIC = 0xFD2FB528
ZSTD_READ = 1 << 14


class ZstdFrames:
    """The compressed bytes of a .zst file, passed through unchanged to the decompressor while
    their frame structure (RFC 8878: frame header, block headers, checksum; skippable frames) is
    followed, so the end of the file can be told to fall between frames or inside one. Only the
    headers are looked at: a few bytes per block."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self.pos = 0
        self._need = 4  # bytes of the header being collected ...
        self._head = b""
        self._state = "magic"
        self._skip = 0  # ... or bytes of a body to pass over
        self._checksum = False
        self._lost = False  # bytes that follow no known structure: the decompressor will say so

    def at_frame_end(self) -> bool:
        return self._lost or (self._state == "magic" and not self._head and not self._skip)

    def read(self, n: int = -1) -> bytes:
        data = self._raw.read(n)
        if data and not self._lost:
            self._follow(data)
        self.pos += len(data)
        return data

    def _follow(self, data: bytes) -> None:
        i, end = 0, len(data)
        while i < end:
            if self._skip:
                step = min(self._skip, end - i)
                self._skip -= step
                i += step
                continue
            take = min(self._need - len(self._head), end - i)
            self._head += data[i:i + take]
            i += take
            if len(self._head) == self._need:
                head, self._head = self._head, b""
                self._header(head)
                if self._lost:
                    return

    def _header(self, head: bytes) -> None:
        state = self._state
        if state == "magic":
            magic = int.from_bytes(head, "little")
            if magic == _ZSTD_MAGIC:
                self._state, self._need = "descriptor", 1
            elif magic & 0xFFFFFFF0 == 0x184D2A50:  # a skippable frame: its size, then its bytes
                self._state, self._need = "skippable", 4
            else:
                self._lost = True
        elif state == "skippable":
            self._skip = int.from_bytes(head, "little")
            self._state, self._need = "magic", 4
        elif state == "descriptor":
            fhd = head[0]
            single = (fhd >> 5) & 1
            self._checksum = bool((fhd >> 2) & 1)
            rest = (0 if single else 1) + (0, 1, 2, 4)[fhd & 3] + ((1 if single else 0), 2, 4, 8)[fhd >> 6]
            self._skip = rest
            self._state, self._need = "block", 3
        elif state == "block":
            v = int.from_bytes(head, "little")
            kind = (v >> 1) & 3
            if kind == 3:
                self._lost = True
                return
            self._skip = 1 if kind == 1 else v >> 3
            if v & 1:  # the frame's last block, then its checksum if it has one
                self._skip += 4 if self._checksum else 0
                self._state, self._need = "magic", 4
            else:
                self._need = 3

    def close(self) -> None:
        self._raw.close()


def decode(data: bytes) -> tuple[str, bool]:
    """UTF-8 text and whether bytes had to be replaced (the document is flagged, not lost)."""
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), True


def damage_kind(exc: BaseException) -> str:
    """The input-error kind of an exception a stream raised part way: the store still failing
    after every try, compressed data that does not decode, or a cut."""
    if isinstance(exc, RetriesExhausted):
        return "read_failed"
    return "corrupt_file" if isinstance(exc, CorruptStream) else "truncated_file"


def unreadable_kind(exc: BaseException) -> str:
    """The input-error kind of a file that could not be read at all: ``read_failed`` when the store
    kept failing (throttling, dropped connections) through every try, else ``unreadable_file``."""
    return "read_failed" if isinstance(exc, RetriesExhausted) else "unreadable_file"


def read_capped(path: Path | str, max_bytes: int, opts: Any = None) -> tuple[bytes, tuple[str, str] | None]:
    """A one-document file's bytes (stops once past ``max_bytes``: the caller drops it as too
    large) and, if an error cut it short, ``(kind, message)``: ``unreadable_file`` when nothing
    could be read, else ``truncated_file`` or ``corrupt_file`` (what was read before is returned)."""
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
        kind = damage_kind(exc) if chunks and not isinstance(exc, (FileNotFoundError, PermissionError)) else unreadable_kind(exc)
        return b"".join(chunks), (kind, f"{type(exc).__name__}: {exc}")
    return b"".join(chunks), None
