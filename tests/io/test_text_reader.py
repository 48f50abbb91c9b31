"""Plain-text files: a damaged file is counted with its name, and what could be read is kept."""

from __future__ import annotations

import gzip
from pathlib import Path

from thresher.io.readers.base import ReadOptions
from thresher.io.readers.text import read_text_file
from thresher.stats import Stats


def read(path: Path, **opts) -> tuple[list, Stats]:
    stats = Stats()
    return list(read_text_file(path, path.name, ReadOptions(**opts), stats)), stats


def test_truncated_txt_gz_is_dropped_with_what_was_read_unless_kept(tmp_path):
    text = "".join(f"line {i} of a long plain text file\n" for i in range(20_000))
    data = gzip.compress(text.encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    docs, stats = read(path)
    assert len(docs) == 1
    d = docs[0]
    assert not d.kept and (d.verdict.step, d.verdict.reason) == ("read", "input:truncated")
    assert d.metadata["truncated"] is True
    assert len(d.original) > 1000 and text.startswith(d.original)  # rejected/ carries what was read
    assert dict(stats.input_errors) == {"truncated_file": 1}
    assert "cut.txt.gz" in stats.error_samples[0]
    (kept,), _ = read(path, keep_truncated=True)
    assert kept.kept and kept.metadata["truncated"] is True and kept.original == d.original


def test_text_file_over_the_size_cap_carries_its_first_bytes(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 2000)
    (d,), stats = read(path, max_bytes=1000, too_large_head_bytes=100)
    assert not d.kept and d.verdict.reason == "input:too_large" and d.original == ("word " * 20)
    assert dict(stats.input_errors) == {"record_too_large": 1}


def test_gzip_that_is_not_gzip_is_unreadable_not_a_crash(tmp_path):
    path = tmp_path / "bad.txt.gz"
    path.write_bytes(b"this is not gzip at all")
    docs, stats = read(path)
    assert docs == []
    assert dict(stats.input_errors) == {"unreadable_file": 1}
