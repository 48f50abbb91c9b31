"""Output records: input fields survive next to what thresher adds, in both formats."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import orjson
import pyarrow.parquet as pq
import zstandard

from thresher.document import Document, Edit
from thresher.io.jsonio import dumps_record
from thresher.io.readers.base import ReadOptions
from thresher.io.readers.records import record_to_document
from thresher.io.store import Store
from thresher.io.writers import OutputOptions, ShardWriter, kept_record, rejected_record
from thresher.stats import Stats


def read_jsonl_zst(path: Path) -> list[dict]:
    data = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(path.read_bytes())).read()
    return [orjson.loads(line) for line in data.splitlines() if line]


def test_input_metadata_field_is_kept_as_input_metadata():
    # A dolma record has its own "metadata" object: it must not be replaced by thresher's.
    doc = Document("d1", "hello world", metadata={"source": "a.jsonl"}, fields={"metadata": {"url": "https://x"}, "lang": "en"})
    rec = kept_record(doc, OutputOptions())
    assert rec["input_metadata"] == {"url": "https://x"}
    assert rec["metadata"] == {"source": "a.jsonl"}
    assert rec["lang"] == "en"


def test_rejected_record_keeps_input_verdict_and_cleaned_text():
    doc = Document("d2", "one two three", fields={"verdict": "good", "cleaned_text": "theirs", "metadata": 7})
    doc.apply([Edit(0, 4, "rule_x")])
    doc.drop("filter", "too_short")
    rec = rejected_record(doc, OutputOptions())
    assert rec["input_verdict"] == "good"
    assert rec["input_cleaned_text"] == "theirs"
    assert rec["input_metadata"] == 7
    assert rec["verdict"]["reason"] == "too_short"
    assert rec["cleaned_text"] == "two three"
    assert rec["text"] == "one two three"


def test_non_string_text_value_survives_in_rejected_output(tmp_path: Path):
    stats = Stats()
    doc = record_to_document({"id": "x", "text": {"html": "<p>hi</p>"}, "lang": "en"}, "a.jsonl:1", "a.jsonl:1", ReadOptions(), stats, "a.jsonl")
    assert not doc.kept and doc.verdict.reason == "input:bad_field_type"
    w = ShardWriter(Store(str(tmp_path)), "kept/s0.jsonl.zst", "rejected/s0.jsonl.zst", "trace/s0.jsonl.zst")
    w.write(doc)
    w.commit()
    [rec] = read_jsonl_zst(tmp_path / "rejected" / "s0.jsonl.zst")
    assert rec["metadata"]["input_value"] == {"html": "<p>hi</p>"}
    assert rec["lang"] == "en" and rec["id"] == "x"


def test_parquet_mixed_field_types_stringify_only_that_column(tmp_path: Path):
    w = ShardWriter(Store(str(tmp_path)), "kept/s0.parquet", "rejected/s0.parquet", "trace/s0.jsonl.zst", OutputOptions(format="parquet"))
    w.write(Document("a", "hello", fields={"n": 1, "score": 0.5}))
    w.write(Document("b", "world", fields={"n": "two", "score": 0.25, "extra": True}))
    w.commit()
    t = pq.read_table(tmp_path / "kept" / "s0.parquet").to_pylist()
    assert [r["text"] for r in t] == ["hello", "world"]
    assert [r["id"] for r in t] == ["a", "b"]
    assert [r["n"] for r in t] == ["1", "two"]
    assert [r["score"] for r in t] == [0.5, 0.25]
    # A key missing from the first record is still a column.
    assert [r["extra"] for r in t] == [None, True]
    assert orjson.loads(t[0]["metadata"]) == {}


def test_dumps_record_handles_numpy_and_odd_values():
    out = orjson.loads(dumps_record({"a": np.int64(3), 1: Path("p"), "v": np.array([1, 2])}))
    assert out == {"a": 3, "1": "p", "v": [1, 2]}
