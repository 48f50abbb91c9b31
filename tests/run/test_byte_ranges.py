"""Large plain JSONL files split into byte ranges at line starts: every record read exactly once,
with the same ids and line numbers as reading the whole file."""

from __future__ import annotations

import orjson
import pytest

from thresher.io.readers.base import ReadOptions
from thresher.run.plan import InputFile, Sizing, measure, plan_shards, read_shard
from thresher.stats import Stats


def _file(tmp_path, lines: list[bytes], trailing_newline: bool = True):
    path = tmp_path / "big.jsonl"
    body = b"\n".join(lines) + (b"\n" if trailing_newline else b"")
    path.write_bytes(body)
    return InputFile(str(path), "big.jsonl", "thresher.io.readers.jsonl:read_jsonl", len(body), "v")


def _records(n: int) -> list[bytes]:
    out = []
    for i in range(n):
        if i % 17 == 5:
            out.append(b"")  # blank lines are skipped, not records, but they are lines
        elif i % 23 == 7:
            out.append(b"{not json")
        elif i % 31 == 3:
            out.append(orjson.dumps({"text": "x" * 3000}))  # over max_bytes below
        else:
            out.append(orjson.dumps({"text": f"record {i} " + "w" * (i % 50)}))  # no id: ids fall back on line numbers
    return out


def _whole(f: InputFile, opts: ReadOptions) -> tuple[list[tuple], dict]:
    from thresher.io.readers.jsonl import read_jsonl

    stats = Stats()
    docs = [(d.id, d.original, d.metadata.get("line"), d.verdict.reason) for d in read_jsonl(f.url, f.rel, opts, stats)]
    return docs, stats.input_errors


@pytest.mark.parametrize("every, trailing", [(100, True), (7, False), (1, True), (5000, True)])
def test_byte_range_shards_read_every_record_once_with_the_whole_files_ids(tmp_path, every, trailing):
    f = _file(tmp_path, _records(1000), trailing)
    opts = ReadOptions(max_bytes=2000)
    sizing = Sizing(shard_bytes=1, shard_records=every)
    starts = measure((opts, sizing), f)
    specs = plan_shards([f], sizing, {f.url: starts})
    assert len(specs) == max(1, -(-1000 // every))
    if len(specs) > 1:
        assert all(s.unit == "bytes" for s in specs)
    got, stats = [], Stats()
    for spec in specs:
        got.extend((d.id, d.original, d.metadata.get("line"), d.verdict.reason) for d in read_shard(spec, opts, stats))
    want, want_errors = _whole(f, opts)
    assert got == want
    assert stats.input_errors == want_errors


def test_line_starts_are_found_across_read_chunks(tmp_path, monkeypatch):
    import thresher.run.plan as plan

    monkeypatch.setattr(plan, "_SCAN_BYTES", 13)  # every chunk boundary falls inside a line
    f = _file(tmp_path, _records(300))
    data = open(f.url, "rb").read()
    starts = plan.line_starts(f, 10, ReadOptions())
    assert starts[0] == (0, 0)
    for offset, lines in starts[1:]:
        assert data[offset - 1:offset] == b"\n" and data[:offset].count(b"\n") == lines
    assert [n for _, n in starts] == list(range(0, 300, 10))


@pytest.mark.parametrize("name", ["big.jsonl", "big.jsonl.gz"])
def test_a_split_file_cleans_to_the_same_output_as_one_shard(tmp_path, name):
    import gzip

    from tests.scale.conftest import local_outputs, prose
    from thresher.cli import main

    lines = [orjson.dumps({"id": f"d{i}", "text": prose(i % 150)}) for i in range(400)]  # exact duplicates across shards
    body = b"\n".join(lines) + b"\n"
    path = tmp_path / name
    path.write_bytes(gzip.compress(body) if name.endswith(".gz") else body)
    assert main(["clean", str(path), "-o", str(tmp_path / "one"), "--shard-mb", "0"]) == 0
    assert main(["clean", str(path), "-o", str(tmp_path / "split"), "--shard-mb", "0.001", "--shard-records", "37", "--workers", "2"]) == 0
    assert len(list((tmp_path / "split" / "done").iterdir())) == 11
    assert local_outputs(tmp_path / "split") == local_outputs(tmp_path / "one")
