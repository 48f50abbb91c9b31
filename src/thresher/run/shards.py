"""Planning: which files make which shards. Deterministic whatever order the inputs are given in."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from thresher.document import Document
from thresher.io.readers import ONE_DOC_PER_FILE, load_reader, reader_key
from thresher.io.readers.base import ReadOptions
from thresher.stats import Stats


@dataclass(frozen=True)
class ShardSpec:
    name: str
    reader: str  # a key of thresher.io.readers.READERS
    files: tuple[tuple[str, str], ...]  # (path, name relative to the input given)


def find_inputs(inputs: list[str], problems: list[str]) -> list[tuple[str, str, str]]:
    """(path, rel, reader) for every readable file under the inputs; problems collects one line per
    input that cannot be used (missing paths, files of a kind no reader knows)."""
    found: dict[str, tuple[str, str, str]] = {}
    for given in inputs:
        p = Path(given)
        if not p.exists():
            problems.append(f"{given}: no such file or folder")
            continue
        if p.is_file():
            key = reader_key(p)
            if key is None:
                problems.append(f"{given}: unknown file type (expected .jsonl[.gz|.zst], .parquet, .txt, .html, .warc[.gz], .wet[.gz])")
                continue
            found[str(p.resolve())] = (str(p.resolve()), p.name, key)
            continue
        ignored: Counter = Counter()
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                fp = Path(root) / name
                key = reader_key(fp)
                if key is None:
                    ignored["".join(fp.suffixes[-2:]) or name] += 1
                    continue
                found[str(fp.resolve())] = (str(fp.resolve()), str(fp.relative_to(p)), key)
        if ignored:
            kinds = ", ".join(f"{suffix} {n}" for suffix, n in ignored.most_common(5))
            problems.append(f"{given}: ignored {sum(ignored.values())} file(s) of a kind no reader knows ({kinds})")
    return [found[k] for k in sorted(found)]


def plan_shards(inputs: list[str], problems: list[str], files_per_shard: int = 2000) -> list[ShardSpec]:
    """One shard per container file (JSONL, Parquet, WARC); one-document files grouped."""
    specs: list[ShardSpec] = []
    group: list[tuple[str, str]] = []
    group_reader = ""

    def flush() -> None:
        nonlocal group
        if group:
            specs.append(ShardSpec(f"shard-{len(specs):05d}", group_reader, tuple(group)))
            group = []

    for path, rel, key in find_inputs(inputs, problems):
        if key in ONE_DOC_PER_FILE:
            if group and (group_reader != key or len(group) >= files_per_shard):
                flush()
            group_reader = key
            group.append((path, rel))
        else:
            flush()
            specs.append(ShardSpec(f"shard-{len(specs):05d}", key, ((path, rel),)))
    flush()
    return specs


def read_shard(spec: ShardSpec, opts: ReadOptions, stats: Stats) -> Iterator[Document]:
    reader = load_reader(spec.reader)
    for path, rel in spec.files:
        try:
            yield from reader(Path(path), rel, opts, stats)
        except OSError as exc:
            stats.input_error("unreadable_file", rel, str(exc))
        except Exception as exc:  # a reader bug or a file no reader expected: report it, go on
            stats.input_error("reader_error", rel, f"{type(exc).__name__}: {exc}")
