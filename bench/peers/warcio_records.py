"""warcio as a record source for thresher's WARC reader, so the two libraries are compared doing
the same work (bench/warc_bench.py). warcio lives only in bench/.venv; it is not a dependency."""

from __future__ import annotations

from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator

from thresher.io.readers.base import ReadOptions
from thresher.io.readers.warc_framing import RawRecord

WANTED = {"response", "conversion"}


def warcio_records(stream: BinaryIO, opts: ReadOptions, gzip_name: bool = False) -> Iterator[RawRecord]:
    it = ArchiveIterator(stream, no_record_parse=True)
    for rec in it:
        headers = dict(rec.rec_headers.headers)
        length = int(headers.get("Content-Length", "0") or 0)
        block = rec.raw_stream.read() if rec.rec_type in WANTED and length <= opts.max_bytes else None
        yield RawRecord(it.get_record_offset(), rec.rec_type, headers, length, block)


def warcio_iterate(path) -> int:
    """Records iterated with HTTP parsing and payload read, warcio's usual way: the floor."""
    n = 0
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f):
            if rec.rec_type == "response":
                rec.content_stream().read()
                n += 1
    return n
