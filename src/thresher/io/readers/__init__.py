"""Which reader reads which file, by file name ending. One explicit table, no self-registration."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

# Longest suffix first wins (".jsonl.gz" before ".gz").
READERS: dict[str, str] = {
    ".jsonl": "thresher.io.readers.jsonl:read_jsonl",
    ".jsonl.gz": "thresher.io.readers.jsonl:read_jsonl",
    ".jsonl.zst": "thresher.io.readers.jsonl:read_jsonl",
    ".json.gz": "thresher.io.readers.jsonl:read_jsonl",  # dolma and CCNet shards are JSONL inside
    ".json.zst": "thresher.io.readers.jsonl:read_jsonl",
    ".ndjson": "thresher.io.readers.jsonl:read_jsonl",
    ".parquet": "thresher.io.readers.parquet:read_parquet",
    ".txt": "thresher.io.readers.text:read_text_file",
    ".txt.gz": "thresher.io.readers.text:read_text_file",
    ".html": "thresher.io.readers.html:read_html_file",
    ".htm": "thresher.io.readers.html:read_html_file",
    ".html.gz": "thresher.io.readers.html:read_html_file",
    ".warc": "thresher.io.readers.warc:read_warc",
    ".warc.gz": "thresher.io.readers.warc:read_warc",
    ".wet": "thresher.io.readers.warc:read_warc",
    ".wet.gz": "thresher.io.readers.warc:read_warc",
}

#: Readers whose files hold one document each: many of them are grouped into one shard.
ONE_DOC_PER_FILE = {"thresher.io.readers.text:read_text_file", "thresher.io.readers.html:read_html_file"}


def reader_key(path: Path | str) -> str | None:
    name = str(path).lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return None


def load_reader(key: str) -> Callable:
    module, _, func = key.partition(":")
    return getattr(importlib.import_module(module), func)
