"""Pages per second through thresher's WARC reader: its own record splitting (which gets past
damage) against FastWARC and warcio as the record source.

Same files, same run, same parsing code after the record source (HTTP head, charset decoding,
Documents); plus each library's bare iteration (read every response payload, nothing else) as
the floor. Median CPU time (time.process_time) of --repeats passes over all files. Run with
the bench venv (warcio is there):

    bench/.venv/bin/python bench/warc_bench.py [--repeats 30] [FILES...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from fastwarc.warc import ArchiveIterator, WarcRecordType  # noqa: E402

from thresher.io.readers.base import ReadOptions  # noqa: E402
from peers.fastwarc_records import fastwarc_records  # noqa: E402
from thresher.io.readers.warc import framed_records, read_warc  # noqa: E402
from thresher.stats import Stats  # noqa: E402

DEFAULT_FILES = sorted((REPO / ".." / "shared" / "data" / "common-crawl-samples").resolve().glob("*.warc.gz"))


def fastwarc_iterate(path) -> int:
    n = 0
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f, record_types=WarcRecordType.response, parse_http=True):
            rec.reader.read()
            n += 1
    return n


def thresher_reader(records):
    def run(path) -> int:
        return sum(1 for _ in read_warc(Path(path), Path(path).name, ReadOptions(), Stats(), records=records))
    return run


def measure(fn, files, repeats) -> tuple[int, float]:
    pages = sum(fn(f) for f in files)  # warm-up, and the page count
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        for f in files:
            fn(f)
        times.append(time.process_time() - t0)
    return pages, statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    ap.add_argument("--repeats", type=int, default=30)
    args = ap.parse_args()
    if not args.files:
        sys.exit("no WARC files found (expected ../shared/data/common-crawl-samples/*.warc.gz)")
    mb = sum(f.stat().st_size for f in args.files) / 1e6
    rows = [("thresher read_warc, its own records", thresher_reader(framed_records)),
            ("thresher read_warc, FastWARC records", thresher_reader(fastwarc_records))]
    try:
        from peers.warcio_records import warcio_iterate, warcio_records
        rows.append(("thresher read_warc, warcio records", thresher_reader(warcio_records)))
    except ImportError:
        print("(warcio not installed: run with bench/.venv/bin/python for the comparison)")
        warcio_iterate = None
    rows.append(("FastWARC bare iteration (responses)", fastwarc_iterate))
    if warcio_iterate:
        rows.append(("warcio bare iteration (responses)", warcio_iterate))
    print(f"{len(args.files)} files, {mb:.2f} MB compressed, median CPU time of {args.repeats} passes, 1 core\n")
    print(f"| {'reader':40} | {'pages':>5} | {'pages/s':>8} | {'MB/s (gz)':>9} |")
    print(f"|{'-' * 42}|{'-' * 7}|{'-' * 10}|{'-' * 11}|")
    for name, fn in rows:
        pages, secs = measure(fn, args.files, args.repeats)
        print(f"| {name:40} | {pages:5d} | {pages / secs:8.0f} | {mb / secs:9.1f} |")


if __name__ == "__main__":
    main()
