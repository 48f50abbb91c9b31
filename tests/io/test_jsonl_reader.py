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
    docs, stats = read(path, max_bytes=10_000, too_large_head_bytes=500)
    assert [d.original[:26] for d in docs] == ["first", '{"id": "big", "text": "xxx', "after"]
    big = docs[1]
    assert big.verdict.reason == "input:too_large" and big.metadata["line"] == 2
    # rejected/ gets its first bytes and where the whole line is, not empty text
    assert big.original == long_line[:500].decode()
    assert (big.metadata["offset"], big.metadata["size"]) == (len(b'{"id": "a", "text": "first"}\n'), len(long_line))
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


# -- compressed streams cut short or damaged ---------------------------------------------------
def _records(n: int) -> bytes:
    return b"".join(b'{"id": "r%d", "text": "%s"}\n' % (i, b"word %d " % i * 30) for i in range(n))


def _decodable_lines(decompressed_prefix: bytes) -> int:
    return decompressed_prefix.count(b"\n")


def test_truncated_zst_keeps_every_complete_record_and_reports_file_and_line(tmp_path):
    import zstandard

    data = zstandard.ZstdCompressor().compress(_records(2000))
    for cut in (len(data) // 2, len(data) * 2 // 3, len(data) - 3):
        path = tmp_path / "cut.jsonl.zst"
        path.write_bytes(data[:cut])
        docs, stats = read(path)
        # What any zstd decoder gets out of the bytes that are there: its complete lines.
        expected = _decodable_lines(zstandard.ZstdDecompressor().decompressobj().decompress(data[:cut]))
        assert expected > 0
        assert [d.id for d in docs] == [f"r{i}" for i in range(expected)]
        assert all(d.kept for d in docs)
        assert dict(stats.input_errors) == {"truncated_file": 1}
        assert stats.error_samples[0].startswith(f"cut.jsonl.zst:{expected + 1}: truncated_file")
        assert f"at byte {cut:,}" in stats.error_samples[0]


def test_zst_of_several_frames_is_read_across_them_and_a_whole_one_reports_nothing(tmp_path):
    import zstandard

    c = zstandard.ZstdCompressor(write_checksum=True)
    path = tmp_path / "frames.jsonl.zst"
    skippable = (0x184D2A50).to_bytes(4, "little") + (5).to_bytes(4, "little") + b"12345"
    path.write_bytes(c.compress(_records(3)) + skippable + c.compress(b'{"id": "last", "text": "x"}\n'))
    docs, stats = read(path)
    assert [d.id for d in docs] == ["r0", "r1", "r2", "last"]
    assert not stats.input_errors


def test_a_zst_cut_at_a_frame_boundary_is_whole_and_one_cut_inside_its_header_is_not(tmp_path):
    import zstandard

    c = zstandard.ZstdCompressor()
    first = c.compress(_records(2))
    path = tmp_path / "f.jsonl.zst"
    path.write_bytes(first + c.compress(_records(2))[:3])  # the second frame's magic number, cut
    docs, stats = read(path)
    assert [d.id for d in docs] == ["r0", "r1"]
    assert dict(stats.input_errors) == {"truncated_file": 1}


def test_corrupt_compressed_data_is_reported_as_corrupt_file_and_what_came_before_is_kept(tmp_path):
    import zstandard

    for name, data in (("bad.jsonl.gz", gzip.compress(_records(500))), ("bad.jsonl.zst", zstandard.ZstdCompressor(write_checksum=True).compress(_records(500)))):
        damaged = bytearray(data)
        damaged[-10:] = bytes(b ^ 0xFF for b in damaged[-10:])  # the end of the stream (and its checksum) ruined
        path = tmp_path / name
        path.write_bytes(bytes(damaged))
        docs, stats = read(path)
        assert sum(stats.input_errors.values()) == 1, name
        kind = next(iter(stats.input_errors))
        assert kind in ("corrupt_file", "truncated_file"), name
        assert stats.error_samples[0].startswith(f"{name}:{len(docs) + 1}: {kind}")
        assert [d.id for d in docs] == [f"r{i}" for i in range(len(docs))] and len(docs) > 100


def test_truncated_gz_keeps_every_complete_record(tmp_path):
    import zlib

    data = gzip.compress(_records(2000))
    for cut in (len(data) // 3, len(data) - 9):
        path = tmp_path / "cut.jsonl.gz"
        path.write_bytes(data[:cut])
        docs, stats = read(path)
        expected = _decodable_lines(zlib.decompressobj(31).decompress(data[:cut]))
        assert [d.id for d in docs] == [f"r{i}" for i in range(expected)]
        assert dict(stats.input_errors) == {"truncated_file": 1}
        assert stats.error_samples[0].startswith(f"cut.jsonl.gz:{expected + 1}: truncated_file")
