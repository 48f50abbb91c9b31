"""FastWARC as a record source for thresher's WARC reader (what the reader used before it split
records itself to get past a wrong Content-Length), so the two are compared doing the same work
(bench/warc_bench.py). FastWARC stops at the first damaged record; it stays for the comparison."""

from __future__ import annotations

from typing import BinaryIO, Iterator

from fastwarc.warc import ArchiveIterator, WarcRecordType

from thresher.io.readers.base import ReadOptions
from thresher.io.readers.warc_framing import RawRecord

WANTED = {"response", "conversion"}


def fastwarc_records(stream: BinaryIO, opts: ReadOptions, gzip_name: bool = False) -> Iterator[RawRecord]:
    for rec in ArchiveIterator(stream, record_types=WarcRecordType.any_type, parse_http=False):
        rtype = str(rec.record_type)  # FastWARC's record type prints as its WARC-Type name
        length = rec.content_length
        block = rec.reader.read() if rtype in WANTED and length <= opts.max_bytes else None
        yield RawRecord(rec.stream_pos, rtype, dict(rec.headers), length, block)
