"""JSON Lines reading: odd lines become counted, dropped or flagged documents, never a crash."""

from __future__ import annotations

import gzip
from pathlib import Path

from thresher.io.readers import jsonl as jsonl_reader
from thresher.io.readers.base import ReadOptions
from thresher.io.readers.jsonl import read_jsonl
from thresher.stats import Stats


def read(path: Path, **opts) -> tuple[list, Stats]:
    stats = Stats()
    return list(read_jsonl(path, path.name, ReadOptions(**opts), stats)), stats


def test_over_long_line_is_dropped_without_reading_it_whole(tmp_path, monkeypatch):
    path = tmp_path / "big.jsonl.gz"
    long_line = b'{"id": "big", "text": "' + b"x" * 300_000 + b'"}\n'
    path.write_bytes(gzip.compress(b'{"id": "a", "text": "first"}\n' + long_line + b'{"id": "b", "text": "after"}\n'))
    monkeypatch.setattr(jsonl_reader, "_CHUNK", 4096)
    sizes = []
    real_open = jsonl_reader.open_binary

    class Spy:
        def __init__(self, f):
            self.f = f

        def readline(self, limit=-1):
            line = self.f.readline(limit)
            sizes.append(len(line))
            return line

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

    monkeypatch.setattr(jsonl_reader, "open_binary", lambda p, opts=None: Spy(real_open(p, opts)))
    docs, stats = read(path, max_bytes=10_000)
    assert [d.original for d in docs] == ["first", "", "after"]
    assert docs[1].verdict.reason == "input:too_large" and docs[1].metadata["line"] == 2
    assert f"{len(long_line):,} bytes" in docs[1].verdict.detail
    assert stats.input_errors["record_too_large"] == 1
    assert max(sizes) <= 10_001  # never more than max_bytes + 1 in memory at once


def test_utf8_bom_at_file_start_is_ignored(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "hello"}\n{"id": "b", "text": "world"}\n')
    docs, stats = read(path)
    assert [(d.id, d.original, d.kept) for d in docs] == [("a", "hello", True), ("b", "world", True)]
    assert not stats.input_errors


def test_lone_surrogate_escape_is_replaced_and_flagged(tmp_path):
    path = tmp_path / "sur.jsonl"
    path.write_bytes(b'{"id": "a", "text": "bad \\ud800 char", "tags": ["\\udfff"]}\n{"id": "b", "text": "pair \\ud83d\\ude00"}\n')
    docs, stats = read(path)
    assert docs[0].kept and docs[0].original == "bad \ufffd char"
    assert docs[0].fields["tags"] == ["\ufffd"]
    assert docs[0].metadata["decode_errors"] is True
    assert docs[1].original == "pair \U0001F600" and "decode_errors" not in docs[1].metadata
    assert stats.input_errors == {"lone_surrogate": 1}


def test_nan_stays_malformed(tmp_path):
    path = tmp_path / "nan.jsonl"
    path.write_bytes(b'{"id": "a", "text": "x", "score": NaN}\n')
    docs, stats = read(path)
    assert docs[0].verdict.reason == "input:malformed_json"
