"""Planning: which input files a job reads, and which shards they make.

Inputs are local paths or fsspec URLs (``s3://bucket/crawl/*.warc.gz``), files, folders (walked,
hidden names skipped) or globs (expanded by the filesystem). Each file is known by its URL, its size
and its version (modification time, or the object store's ETag): what makes two runs the same job.

A shard is a bounded piece of work: a group of one-document files (``.txt``, ``.html``), a whole
container file (JSONL, Parquet, WARC) up to ``shard_bytes`` on storage, or, for a larger one, a piece
of about ``shard_records`` records of it:

* plain (uncompressed) JSONL splits into **byte ranges** at line starts: one pass at planning time
  finds every ``shard_records``-th newline (a byte scan, nothing parsed), and each shard seeks to its
  offset and reads only its bytes, its line numbers (which ids fall back on) known from the pass;
* compressed and other formats cannot be entered part way, so they split into **record ranges**
  (``start``..``stop``, counted by one streaming pass of the file's own reader, so a range means exactly
  what the reader yields); a shard reads past the records before its range without keeping them.

A crawl of files of any size keeps every worker busy, and a resumed run redoes at most one shard.
Planning is deterministic: the same inputs give the same shards under the same names, in any order
given.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from thresher.document import Document
from thresher.io.readers import ONE_DOC_PER_FILE, load_reader, reader_key
from thresher.io.readers.base import ReadOptions
from thresher.io.readers.open import unreadable_kind
from thresher.io.store import Store, retrying, split_url
from thresher.stats import Stats

GLOB_CHARS = "*?["


@dataclass(frozen=True)
class InputFile:
    url: str  # a local absolute path, or protocol://path
    rel: str  # the name ids are built from: relative to the folder (or glob root) the user gave
    reader: str  # a key of thresher.io.readers.READERS
    size: int
    version: str  # mtime (local) or ETag / last-modified (object stores)


@dataclass(frozen=True)
class ShardSpec:
    name: str
    reader: str
    files: tuple[tuple[str, str], ...]  # (url, rel)
    start: int = 0  # for a range of one file: the first record (0-based) or byte offset ...
    stop: int | None = None  # ... and one past the last (None: to the end)
    unit: str = "records"  # what start and stop count: "records", or "bytes" (a plain JSONL file's)
    line: int = 0  # for a byte range: how many lines of the file come before it


@dataclass(frozen=True)
class Sizing:
    """How big a shard may get (part of the job's identity: other sizes make other shards)."""

    shard_bytes: int = 64 << 20  # container files larger than this on storage are split ...
    shard_records: int = 20_000  # ... into ranges of this many records
    files_per_shard: int = 500  # one-document files grouped this many to a shard


# -- finding inputs -----------------------------------------------------------------------------
def _version(info: dict[str, Any]) -> str:
    for key in ("ETag", "etag", "md5", "mtime", "LastModified", "last_modified", "updated", "modified"):
        if info.get(key) is not None:
            return str(info[key]).strip('"')
    return ""


def _hidden(rel: str) -> bool:
    return any(part.startswith(".") for part in rel.split("/"))


def find_inputs(inputs: list[str], storage_options: dict | None, problems: list[str], notes: list[str],
                exclude: list[str] = ()) -> list[InputFile]:
    """Every readable file under ``inputs``, sorted by URL. ``problems`` gets one line per input that
    cannot be used (missing, matching nothing, unreadable); ``notes`` one per folder with files of a
    kind no reader knows (a LICENSE, a README: left out, not an error). Files under any ``exclude``
    URL (the job's own output folder) are never inputs, nor is another thresher output folder found
    inside a walked folder (left out with a note)."""
    found: dict[str, InputFile] = {}
    skip = [Store(e, storage_options or {}).full_url().rstrip("/") + "/" for e in exclude]
    for given in inputs:
        proto, path = split_url(given)
        store = Store(f"{proto}://" if proto != "file" else "/", storage_options or {})
        fs = store.fs
        if proto == "file":
            path = os.path.abspath(os.path.expanduser(path))
        prefix = "" if proto == "file" else f"{proto}://"
        try:
            if any(c in path for c in GLOB_CHARS):
                root = path[: min(path.index(c) for c in GLOB_CHARS if c in path)].rsplit("/", 1)[0]
                matches = {p: info for p, info in retrying(lambda: fs.glob(path, detail=True), f"listing {given}").items() if info.get("type") != "directory"}
                if not matches:
                    problems.append(f"{given}: {_why_nothing(fs, proto, path)}")
                    continue
                entries = [(p, _rel(p, root), info) for p, info in matches.items()]
            elif retrying(lambda: fs.isdir(path), f"listing {given}"):
                listing = retrying(lambda: fs.find(path, detail=True), f"listing {given}")
                entries = [(p, _rel(p, path), info) for p, info in listing.items() if info.get("type") != "directory"]
                if not entries:
                    problems.append(f"{given}: the folder holds no file")
                    continue
            elif retrying(lambda: fs.exists(path), f"checking {given}"):
                info = retrying(lambda: fs.info(path), f"checking {given}")
                entries = [(path, path.rstrip("/").rsplit("/", 1)[-1], info)]
            else:
                problems.append(f"{given}: {_why_nothing(fs, proto, path, 'no such file or folder')}")
                continue
        except (PermissionError, OSError) as exc:
            problems.append(f"{given}: cannot be read ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})")
            continue
        except Exception as exc:  # credentials, a filesystem that refuses: one line, not a traceback
            problems.append(f"{given}: cannot be read ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})")
            continue
        ignored: Counter = Counter()
        jobs = _job_folders(rel for p, rel, _ in entries  # the job's own output folder is left out silently
                            if not any((prefix + p).startswith(s) for s in skip))
        for folder in jobs:
            notes.append(f"{given}: left out {folder}/: a thresher output folder (job.json), not input; name it to read it")
        for p, rel, info in sorted(entries):
            url = prefix + p
            if _hidden(rel) or any((url.rstrip("/") + "/").startswith(s) for s in skip):
                continue
            if any(rel.startswith(j + "/") for j in jobs):
                continue
            key = reader_key(p)
            if key is None:
                ignored["".join(os.path.splitext(rel)[1:]) or rel.rsplit("/", 1)[-1]] += 1
                continue
            found[url] = InputFile(url, rel, key, int(info.get("size") or 0), _version(info))
        if ignored:
            kinds = ", ".join(f"{suffix} {n}" for suffix, n in ignored.most_common(5))
            notes.append(f"{given}: ignored {sum(ignored.values())} file(s) of a kind no reader knows ({kinds})")
    return [found[k] for k in sorted(found)]


def _job_folders(rels: Iterable[str]) -> list[str]:
    """Folders under a walked input that are thresher output folders (their ``job.json`` and
    ``config.toml``): an earlier run's ``-o`` inside the input folder. Their kept/, rejected/ and
    trace/ files are that job's results, never this job's inputs."""
    rels = set(rels)
    return sorted(r[: -len("/job.json")] for r in rels
                  if r.endswith("/job.json") and r[: -len("job.json")] + "config.toml" in rels)


def _why_nothing(fs, proto: str, path: str, default: str = "matches no file") -> str:
    """A missing bucket is a different mistake from an empty prefix: say which."""
    bucket = path.split("/", 1)[0]
    if proto not in ("file", "memory") and bucket and not any(c in bucket for c in GLOB_CHARS):
        try:
            if not fs.exists(bucket):
                return f"bucket {bucket!r} does not exist (or these credentials cannot see it)"
        except Exception:  # noqa: BLE001 - the plain sentence below is still true
            pass
    return default


def _rel(path: str, root: str) -> str:
    root = root.rstrip("/")
    return path[len(root) + 1:] if path.startswith(root + "/") else path.rsplit("/", 1)[-1]


# -- shards -------------------------------------------------------------------------------------
def needs_count(f: InputFile, sizing: Sizing) -> bool:
    """A container file too large for one shard: its records are counted to split it."""
    return f.reader not in ONE_DOC_PER_FILE and sizing.shard_bytes > 0 and f.size > sizing.shard_bytes


def splits_by_bytes(f: InputFile) -> bool:
    """Plain JSONL: a shard can seek to a line start and read only its own bytes."""
    return f.reader == JSONL_READER and not f.url.lower().endswith((".gz", ".zst"))


JSONL_READER = "thresher.io.readers.jsonl:read_jsonl"
_SCAN_BYTES = 1 << 22


def measure(plan: tuple[ReadOptions, Sizing], f: InputFile) -> int | list[tuple[int, int]]:
    """What planning needs to split ``f``: its line starts every ``shard_records`` lines (plain
    JSONL), or its record count (everything else)."""
    opts, sizing = plan
    return line_starts(f, sizing.shard_records, opts) if splits_by_bytes(f) else count_records(opts, f)


def line_starts(f: InputFile, every: int, opts: ReadOptions) -> list[tuple[int, int]]:
    """``(byte offset, lines before it)`` of line 0, line ``every``, line ``2 * every``, ... (one
    streaming scan for newlines; offsets at or past the end of the file are left out)."""
    from thresher.io.readers.open import open_raw

    starts = [(0, 0)]
    lines = pos = 0
    target = every
    with open_raw(f.url, opts) as raw:
        while chunk := raw.read(_SCAN_BYTES):
            n = chunk.count(b"\n")
            if lines + n < target:
                lines += n
            else:
                i = 0
                while (j := chunk.find(b"\n", i)) >= 0:
                    lines += 1
                    i = j + 1
                    if lines == target:
                        starts.append((pos + i, lines))
                        target += every
            pos += len(chunk)
    return [(o, n) for o, n in starts if o < pos or o == 0]


def count_records(opts: ReadOptions, f: InputFile) -> int:
    """How many documents the file's reader yields (one streaming pass; nothing is kept)."""
    reader = load_reader(f.reader)
    return sum(1 for _ in reader(f.url, f.rel, opts, Stats()))


def plan_shards(files: list[InputFile], sizing: Sizing, counts: dict[str, int | list[tuple[int, int]]]) -> list[ShardSpec]:
    """Shards for ``files`` in order; ``counts`` holds what :func:`measure` found for every file
    :func:`needs_count` says is to be split."""
    specs: list[ShardSpec] = []
    group: list[tuple[str, str]] = []
    group_reader = ""

    def add(reader: str, files_: tuple, start: int = 0, stop: int | None = None, unit: str = "records", line: int = 0) -> None:
        specs.append(ShardSpec(f"shard-{len(specs):05d}", reader, files_, start, stop, unit, line))

    def flush() -> None:
        nonlocal group
        if group:
            add(group_reader, tuple(group))
            group = []

    for f in files:
        if f.reader in ONE_DOC_PER_FILE:
            if group and (group_reader != f.reader or len(group) >= sizing.files_per_shard):
                flush()
            group_reader = f.reader
            group.append((f.url, f.rel))
            continue
        flush()
        n = counts.get(f.url)
        if isinstance(n, list):  # line starts of a plain JSONL file: byte ranges
            for i, (offset, line) in enumerate(n):
                stop = n[i + 1][0] if i + 1 < len(n) else None
                if len(n) == 1:
                    add(f.reader, ((f.url, f.rel),))
                else:
                    add(f.reader, ((f.url, f.rel),), offset, stop, "bytes", line)
            continue
        if n is None or n <= sizing.shard_records:
            add(f.reader, ((f.url, f.rel),))
            continue
        for start in range(0, n, sizing.shard_records):
            stop = start + sizing.shard_records
            add(f.reader, ((f.url, f.rel),), start, None if stop >= n else stop)
    flush()
    return specs


def read_shard(spec: ShardSpec, opts: ReadOptions, stats: Stats) -> Iterator[Document]:
    """The shard's documents. For a range, the records before it are read past (the reader's own
    count, as at planning) and what follows is not read at all."""
    reader = load_reader(spec.reader)
    for url, rel in spec.files:
        n = 0
        try:
            if spec.unit == "bytes":
                docs = reader(url, rel, opts, stats, byte_range=(spec.start, spec.stop), lines_before=spec.line)
            elif spec.start == 0 and spec.stop is None:
                docs = reader(url, rel, opts, stats)
            else:
                docs = _range(reader, url, rel, opts, stats, spec.start, spec.stop)
            for doc in docs:
                yield doc
                n += 1
        except OSError as exc:
            # gone or refused part way (deleted mid-run): what was read stands, and the sample says how much
            said = f"gone part way through the read, after {n:,} records: {exc}" if n else str(exc)
            stats.input_error(unreadable_kind(exc), rel, said)
        except Exception as exc:  # a reader bug or a file no reader expected: report it, go on
            stats.input_error("reader_error", rel, f"{type(exc).__name__}: {exc}")


def _range(reader: Callable, url: str, rel: str, opts: ReadOptions, stats: Stats, start: int, stop: int | None) -> Iterator[Document]:
    """Records ``start``..``stop`` of a file. A reader reports a record's input errors before it
    yields the record, so the errors of the records before the range go to a stats object that is
    thrown away: each is counted once, by the shard that holds its record."""
    sink = _SwitchedStats(Stats(), stats)
    if start == 0:
        sink.switch()
    n = 0
    for doc in reader(url, rel, opts, sink):
        if n >= start:
            yield doc
        n += 1
        if stop is not None and n >= stop:
            return
        if n == start:
            sink.switch()


class _SwitchedStats:
    def __init__(self, before: Stats, after: Stats) -> None:
        self._target = before
        self._after = after

    def switch(self) -> None:
        self._target = self._after

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target, name)
