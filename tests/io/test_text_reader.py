"""Plain-text files: a damaged file is counted with its name, and what could be read is kept."""

from __future__ import annotations

import gzip
from pathlib import Path

from thresher.io.readers.base import ReadOptions
from thresher.io.readers.text import read_text_file
from thresher.stats import Stats


def read(path: Path) -> tuple[list, Stats]:
    stats = Stats()
    return list(read_text_file(path, path.name, ReadOptions(), stats)), stats


def test_truncated_txt_gz_keeps_what_was_read(tmp_path):
    text = "".join(f"line {i} of a long plain text file\n" for i in range(20_000))
    data = gzip.compress(text.encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    docs, stats = read(path)
    assert len(docs) == 1
    d = docs[0]
    assert d.kept and d.metadata["truncated"] is True
    assert len(d.original) > 1000 and text.startswith(d.original)
    assert dict(stats.input_errors) == {"truncated_file": 1}
    assert "cut.txt.gz" in stats.error_samples[0]


def test_gzip_that_is_not_gzip_is_unreadable_not_a_crash(tmp_path):
    path = tmp_path / "bad.txt.gz"
    path.write_bytes(b"this is not gzip at all")
    docs, stats = read(path)
    assert docs == []
    assert dict(stats.input_errors) == {"unreadable_file": 1}
