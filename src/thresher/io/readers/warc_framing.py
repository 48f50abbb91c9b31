"""Split a WARC file (plain, or gzip: one member per record or one stream for the whole file)
into records, and get past damage instead of stopping at it.

A record is trusted only when its block, ``Content-Length`` bytes long, is followed by the
record separator and then the next ``WARC/1.`` header (or the end of the file). When it is not,
the length is wrong (or bytes were lost or inserted): the reader looks for the next real record
header from the start of the damaged record's block, reports the span it skipped
(:class:`Damage`, with the record's offset) and goes on from there. So one bad length costs one
record, never the rest of the file.

Gzip members are decompressed one after another; one that does not decompress (a flipped byte,
a failed checksum) is reported at its byte offset and reading resumes at the next member that
starts a WARC record. Offsets are those a user can seek to: the byte in a plain file; the
member's byte in a gzip file (``+N`` after it for a record that does not start its member).
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_right
from dataclasses import dataclass
from typing import BinaryIO, Iterator

_CHUNK = 1 << 20
#: A WARC header longer than this is not one (real ones are well under 4 KB).
MAX_HEADER = 1 << 16
_HEADER_START = b"WARC/1."
_FIRST_LINE = re.compile(rb"WARC/1\.\d{1,3}\r?\n")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_FEED = 1 << 16


@dataclass(slots=True)
class RawRecord:
    """One WARC record as the parsing of documents needs it, whichever library read it."""

    offset: int
    record_type: str
    headers: dict[str, str]
    content_length: int
    #: The record block (HTTP head + payload for a response); None when it was too large to read.
    block: bytes | None
    #: Of a block too large to read, its first bytes.
    head: bytes = b""
    #: Where the record starts, as users see it: ``<offset>`` or ``<member offset>+<n>``.
    at: str = ""
    #: Why the block is shorter than its Content-Length: ``(kind, message)`` (a file or gzip
    #: member that ends early, a member that does not decompress), or None.
    cut: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        if not self.at:
            self.at = str(self.offset)


@dataclass(slots=True, frozen=True)
class Damage:
    """Bytes that hold no readable record: ``kind`` is an input-error kind, ``at`` where they start."""

    kind: str
    at: str
    message: str


class _GzipChunks:
    """Decompressed bytes of a gzip file, member after member, bounded per call (a bomb cannot
    fill memory). A member that does not decompress is noted in ``damage`` and reading goes on
    at the next member that starts a WARC record. Knows which member each decompressed byte came
    from, and can restart at a member to go back."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._pending = b""  # compressed bytes read ...
        self._j = 0  # ... of which those before _j were fed to the decompressor
        self._comp = 0  # file offset of _pending[_j]
        self.logical = 0  # decompressed bytes handed out
        self._members: list[tuple[int, int]] = []  # (decompressed start, file offset), ascending
        self._d = None  # the current member's decompressor, None between members
        self._done = False
        #: (decompressed position, where, kind, message, inside a record's bytes?), in file
        #: order. A member that failed after giving bytes is at its last good byte (the record
        #: holding it is not trusted); one that gave none, and bytes between members, lie between.
        self.damage: list[tuple[int, str, str, str, bool]] = []
        #: (where, message) when the file ends inside a member
        self.end: tuple[str, str] | None = None

    def member_at(self, logical: int) -> str:
        i = bisect_right(self._members, (logical, 1 << 62)) - 1
        if i < 0:
            return str(logical)
        start, comp = self._members[i]
        return str(comp) if logical == start else f"{comp}+{logical - start}"

    def forget_before(self, logical: int) -> None:
        """Members wholly before ``logical`` will not be needed again (bounded memory)."""
        i = bisect_right(self._members, (logical, 1 << 62)) - 1
        if i > 64:
            del self._members[: i - 1]

    def restart(self, logical: int) -> int:
        """Decompress again from the member holding ``logical``; the decompressed offset resumed at."""
        i = max(bisect_right(self._members, (logical, 1 << 62)) - 1, 0)
        start, comp = self._members[i] if self._members else (0, 0)
        self._raw.seek(comp)
        self._pending, self._j, self._comp, self.logical = b"", 0, comp, start
        self._d, self._done, self.end = None, False, None
        del self._members[i:]
        self.damage = [d for d in self.damage if d[0] < start]
        return start

    def read(self) -> bytes:
        while not self._done:
            if len(self._pending) - self._j < 3:  # a member's magic is never split across reads
                self._pending = self._pending[self._j:] + self._raw.read(_CHUNK)
                self._j = 0
            pending = memoryview(self._pending)[self._j:self._j + _FEED]
            if self._d is None:  # between members
                if not pending:
                    return b""
                if pending[:3] != _GZIP_MAGIC:
                    self._fail(self.logical, str(self._comp), "corrupt_file", "bytes that are not a gzip member", False)
                    continue
                self._d = zlib.decompressobj(31)
                self._members.append((self.logical, self._comp))
            d = self._d
            member_start, member_comp = self._members[-1]
            try:
                if not pending:  # the file ends: what the decompressor still holds, then a cut
                    out = d.decompress(b"", _CHUNK)
                    if not out and not d.eof:
                        self.end = (str(member_comp), "gzip member cut short")
                        self._done = True
                        return b""
                else:
                    out = d.decompress(pending, _CHUNK)
            except zlib.error as exc:
                gave = self.logical > member_start
                self._fail(self.logical - gave, str(member_comp), "corrupt_file", f"gzip member does not decompress ({exc})", gave)
                continue
            # Fed a slice at a time: what a member leaves over (unused_data) is a copy, so keep it small.
            used = len(pending) - len(d.unconsumed_tail) - len(d.unused_data)
            self._j += used
            self._comp += used
            if d.eof:
                self._d = None
            self.logical += len(out)
            if out:
                return out
        return b""

    def _fail(self, logical: int, at: str, kind: str, message: str, inside: bool) -> None:
        resume = self._next_member(int(at) + 1)
        if resume is None:
            self.damage.append((logical, at, kind, f"{message}; no readable gzip member after it", inside))
            self._done = True
            return
        self.damage.append((logical, at, kind, f"{message}; resumed at the next member, byte {resume:,}", inside))
        self._raw.seek(resume)
        self._pending, self._j, self._comp, self._d = b"", 0, resume, None

    def _next_member(self, pos: int) -> int | None:
        """File offset of the next gzip member from ``pos`` whose data decompresses into a WARC header."""
        while True:
            self._raw.seek(pos)
            window = self._raw.read(_CHUNK)
            i = window.find(_GZIP_MAGIC)
            while i >= 0:
                if self._starts_record(pos + i):
                    return pos + i
                i = window.find(_GZIP_MAGIC, i + 1)
            if len(window) < _CHUNK:
                return None
            pos += len(window) - 2

    def _starts_record(self, pos: int) -> bool:
        self._raw.seek(pos)
        try:
            out = zlib.decompressobj(31).decompress(self._raw.read(1 << 16), 16)
        except zlib.error:
            return False
        return out.startswith(_HEADER_START)


class _Bytes:
    """A buffer over a file's (decompressed) bytes: peek, read, pass over, look for the next
    header, go back. Positions count decompressed bytes from the start of the file."""

    def __init__(self, raw: BinaryIO, gz: _GzipChunks | None) -> None:
        self._raw = raw
        self.gz = gz
        self._buf = b""
        self._i = 0
        self._base = 0  # position of _buf[0]
        self.eof = False

    @property
    def pos(self) -> int:
        return self._base + self._i

    def at(self, pos: int) -> str:
        return self.gz.member_at(pos) if self.gz is not None else str(pos)

    def _more(self) -> bool:
        if self.eof:
            return False
        chunk = self.gz.read() if self.gz is not None else self._raw.read(_CHUNK)
        if not chunk:
            self.eof = True
            return False
        self._buf = self._buf[self._i:] + chunk
        self._base += self._i
        self._i = 0
        return True

    def peek(self, n: int) -> bytes:
        have = len(self._buf) - self._i
        if have < n and not self.eof:  # joined once: a large block is not copied per chunk
            parts = [self._buf[self._i:]]
            while have < n:
                chunk = self.gz.read() if self.gz is not None else self._raw.read(max(_CHUNK, n - have))
                if not chunk:
                    self.eof = True
                    break
                parts.append(chunk)
                have += len(chunk)
            self._base += self._i
            self._buf, self._i = b"".join(parts), 0
        return self._buf[self._i:self._i + n]

    def peek_header(self) -> bytes:
        """The bytes a header starting here could take: a few KB, more only when it needs them."""
        data = self.peek(8192)
        if len(data) == 8192 and b"\r\n\r\n" not in data and b"\n\n" not in data:
            data = self.peek(MAX_HEADER)
        return data

    def read(self, n: int) -> bytes:
        out = self.peek(n)
        self._i += len(out)
        return out

    def skip(self, n: int) -> tuple[int, int | None]:
        """Pass over ``n`` bytes without holding them: (bytes passed, position of the first
        line among them that starts like a WARC header, or None)."""
        passed, first = 0, None
        while passed < n:
            if self._i >= len(self._buf) and not self._more():
                break
            take = min(n - passed, len(self._buf) - self._i)
            if first is None:
                j = _find_header_start(self._buf, max(self._i - 8, 0), self._i + take)
                if j >= 0:
                    first = self._base + j
            self._i += take
            passed += take
            if self._i == len(self._buf) > 8:  # keep a few bytes: a header split across chunks is still found
                self._base += self._i - 8
                self._buf = self._buf[-8:]
                self._i = 8
        return passed, first

    def unread(self, data: bytes) -> None:
        """Put back the last ``len(data)`` bytes read."""
        if self._i >= len(data):
            self._i -= len(data)
            return
        self._buf = data + self._buf[self._i:]
        self._base = self.pos - len(data)
        self._i = 0

    def seek(self, pos: int) -> None:
        if self._base <= pos <= self._base + len(self._buf):
            self._i = pos - self._base
            return
        if self.gz is not None:
            start = self.gz.restart(pos)  # a member is decompressed from its beginning
        else:
            self._raw.seek(pos)
            start = pos
        self._buf, self._i, self._base, self.eof = b"", 0, start, False
        if pos > start:
            self.skip(pos - start)

    def next_header(self) -> int | None:
        """Move to the next line that starts a WARC header which parses: its position, or None
        (then at the end of the file)."""
        while True:
            j = _find_header_start(self._buf, self._i, len(self._buf))
            if j < 0:
                self._i = max(len(self._buf) - 8, self._i)
                if not self._more():
                    self._i = len(self._buf)
                    return None
                continue
            self._i = j
            if _parse_header(self.peek_header()) is not None:
                return self.pos
            self._i += 1


def _find_header_start(buf: bytes, start: int, end: int) -> int:
    """Index of ``WARC/1.`` starting in ``buf[start:end]``, or -1. Not only at a line start:
    garbage glued to a header must not cost the record (a candidate is parsed before it is
    trusted, and is looked for only once damage was seen)."""
    return buf.find(_HEADER_START, start, end + len(_HEADER_START) - 1)


def _parse_header(data: bytes) -> tuple[int, dict[str, str], int] | None:
    """(header length including the blank line, headers, Content-Length) of the WARC header at
    the start of ``data``, or None when it is not one (no blank line, no Content-Length)."""
    m = _FIRST_LINE.match(data)
    if m is None:
        return None
    end, sep = data.find(b"\r\n\r\n", 0, MAX_HEADER), 4
    if end < 0:
        end, sep = data.find(b"\n\n", 0, MAX_HEADER), 2
        if end < 0:
            return None
    headers: dict[str, str] = {}
    length = None
    for line in data[m.end():end].decode("utf-8", "replace").splitlines():
        name, colon, value = line.partition(":")
        if colon:
            name, value = name.strip(), value.strip()
            headers[name] = value
            if name.lower() == "content-length":
                length = int(value) if value.isascii() and value.isdigit() else None
    if length is None:
        return None
    return end + sep, headers, length


def warc_records(raw: BinaryIO, max_bytes: int, head_bytes: int = 1 << 16,
                 gzip_name: bool = False) -> Iterator[RawRecord | Damage]:
    """Every record of a WARC file and every damaged span, in file order. Blocks of records other
    than ``response`` and ``conversion`` are passed over unless small; of a block over
    ``max_bytes`` only the first ``head_bytes`` are kept (``RawRecord.head``). Gzip is told by
    the first bytes, or by the name (``gzip_name``) when they are damaged and not a WARC header."""
    first = raw.read(len(_HEADER_START))
    raw.seek(0)
    gz = _GzipChunks(raw) if first.startswith(_GZIP_MAGIC) or (gzip_name and first != _HEADER_START) else None
    if gz is not None and not first:
        yield Damage("truncated_file", "0", "empty file: no gzip member")
        return
    src = _Bytes(raw, gz)
    wanted = ("response", "conversion")
    while True:
        while (sep := src.peek(64)) and not (rest := sep.lstrip(b"\r\n")):
            src.read(len(sep))  # separators (a run of blank lines between records)
        if not sep:
            break
        src.read(len(sep) - len(rest))
        start = src.pos
        yield from _damage_before(src, start, gaps_too=True)
        if gz is not None:
            gz.forget_before(start)
        first = src.peek_header()
        parsed = _parse_header(first)
        if parsed is None:
            if src.eof and len(first) < MAX_HEADER and b"\r\n\r\n" not in first and b"\n\n" not in first \
                    and (_FIRST_LINE.match(first) or _HEADER_START.startswith(first[:7])):
                kind, message = _cut(src, "WARC header cut short")  # the file ends inside a header
                yield Damage(kind, src.at(start), message)
                src.read(len(first))
                break
            src.read(1)
            nxt = src.next_header()
            what = "a WARC header that does not parse" if _FIRST_LINE.match(first) else "bytes that are not a WARC record"
            yield from _damaged_span(src, start, nxt, what)
            continue
        head_len, headers, length = parsed
        src.read(head_len)
        rtype = headers.get("WARC-Type", "")
        block_start = src.pos
        first_header = None
        head = b""
        if length <= max_bytes and (rtype in wanted or length <= (1 << 16)):
            block: bytes | None = src.read(length)
            got = len(block)
        else:  # not held: passed over, its first bytes kept if it is a document
            block = None
            head = src.read(min(head_bytes if rtype in wanted else 0, length))
            j = _find_header_start(head, 0, len(head))
            passed, first_header = src.skip(length - len(head))
            if j >= 0:
                first_header = block_start + j
            got = len(head) + passed
        if got < length:  # the file ends inside the block: cut short, or a length that is too large
            nxt = _header_within(src, block, block_start, first_header)
            if nxt is not None:
                yield from _damaged_span(src, start, nxt, f"Content-Length {length:,} runs past the end of the file")
                continue
            yield _record(src, start, rtype, headers, length, block, head, _cut(src, f"read {got:,} of {length:,} bytes"))
            break
        tail = src.peek(16)
        rest = tail.lstrip(b"\r\n")
        fits = not rest or rest.startswith(b"WARC/") or (len(tail) < 16 and b"WARC/".startswith(rest))
        if not fits and not tail.startswith((b"\r\n\r\n", b"\n\n")):
            # the block does not end where its length says: resynchronise from inside it
            nxt = _header_within(src, block, block_start, first_header)
            if nxt is None:
                nxt = src.next_header()
            yield from _damaged_span(src, start, nxt, f"Content-Length {length:,} does not end at a record boundary")
            continue
        end = src.pos + (len(tail) - len(rest) if fits else 4)
        broken = _take_damage(src, end)
        cut = None
        if broken:  # a gzip member of this record did not decompress: what came out is not trusted
            cut = (broken[0][2], f"{broken[0][3]} (member at {broken[0][1]})")
        yield _record(src, start, rtype, headers, length, block, head, cut)
    yield from _damage_before(src, 1 << 62)
    if gz is not None and gz.end is not None:
        yield Damage("truncated_file", *gz.end)


def _record(src: _Bytes, start: int, rtype: str, headers: dict[str, str], length: int, block: bytes | None,
            head: bytes, cut: tuple[str, str] | None) -> RawRecord:
    at = src.at(start)
    return RawRecord(int(at.split("+", 1)[0]), rtype, headers, length, block, head, at, cut)


def _cut(src: _Bytes, what: str) -> tuple[str, str]:
    """(kind, message) for a file that ends inside a record: gzip damage inside it, a gzip member
    cut short, or the file just ends."""
    broken = _take_damage(src, 1 << 62)
    if broken:
        return broken[0][2], f"{what}: {broken[0][3]} (member at {broken[0][1]})"
    gz = src.gz
    if gz is not None and gz.end is not None:
        at, message = gz.end
        gz.end = None
        return "truncated_record", f"{what}: {message} (member at {at})"
    return "truncated_record", what


def _take_damage(src: _Bytes, end: int, gaps_too: bool = False) -> list[tuple[int, str, str, str, bool]]:
    """The gzip damage noted before ``end`` (and, ``gaps_too``, bytes between members at
    ``end``: they come before the record starting there), taken off the list."""
    gz = src.gz
    if gz is None:
        return []
    n = 0
    while n < len(gz.damage) and (gz.damage[n][0] < end or (gaps_too and gz.damage[n][0] == end and not gz.damage[n][4])):
        n += 1
    taken = gz.damage[:n]
    del gz.damage[:n]
    return taken


def _header_within(src: _Bytes, block: bytes | None, block_start: int, first_header: int | None) -> int | None:
    """The position of the first record header inside a block just read (moved back to it), or None."""
    if block is not None:
        j = 0
        while (j := _find_header_start(block, j, len(block))) >= 0:
            candidate = block[j:j + MAX_HEADER]
            if len(candidate) < MAX_HEADER:
                candidate += src.peek(MAX_HEADER - len(candidate))
            if _parse_header(candidate) is not None:
                src.unread(block[j:])
                return block_start + j
            j += 1
        return None
    if first_header is None:
        return None
    src.seek(first_header)
    return src.next_header()


def _damaged_span(src: _Bytes, start: int, nxt: int | None, what: str) -> Iterator[Damage]:
    """One report for the bytes from ``start`` to the next record (or the end): the gzip damage
    inside them when there is some (it says more), else ``what``."""
    end = nxt if nxt is not None else src.pos
    inside = _take_damage(src, end)
    if inside:
        for _, at, kind, message, _ in inside:
            yield Damage(kind, at, message)
        return
    kind = "stray_bytes" if what.startswith("bytes") else "corrupt_record"
    if nxt is None and start == 0:
        yield Damage(kind, src.at(start), f"{what}, and no WARC record after them")
        return
    to = f"the next record (at {src.at(nxt)})" if nxt is not None else "the end of the file"
    yield Damage(kind, src.at(start), f"{what}: skipped {end - start:,} bytes to {to}")


def _damage_before(src: _Bytes, upto: int, gaps_too: bool = False) -> Iterator[Damage]:
    for _, at, kind, message, _ in _take_damage(src, upto, gaps_too):
        yield Damage(kind, at, message)
