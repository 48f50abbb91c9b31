"""Deduplication through `thresher clean` (the real job, its files and its resume), and the reports."""

import io
from contextlib import redirect_stderr, redirect_stdout

import orjson
import zstandard

from thresher.cli import main

from .textgen import edit, story

CONFIG = """
replace = true

[[corpus]]
name = "exact_dedup"

[[corpus]]
name = "near_dedup"
threshold = 0.7
min_anchors = 4
"""


def read_out(path):
    with open(path, "rb") as f:
        data = zstandard.ZstdDecompressor().stream_reader(f).read()
    return [orjson.loads(line) for line in data.splitlines() if line.strip()]


def write_jsonl(path, rows):
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))


def run_cli(*argv, stderr=False):
    buf, err = io.StringIO(), io.StringIO()
    with redirect_stdout(buf), redirect_stderr(err):
        code = main(list(argv))
    return (code, buf.getvalue(), err.getvalue()) if stderr else (code, buf.getvalue())


def test_clean_removes_duplicates_across_files_and_reports(tmp_path):
    s1, s2 = story(1), story(2)
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "a.jsonl", [{"id": "a1", "text": s1}, {"id": "a2", "text": s2}, {"id": "a3", "text": story(3)}])
    write_jsonl(tmp_path / "in" / "b.jsonl", [{"id": "b1", "text": edit(s1, 2, 0.01) + "\nMore from our site"},
                                             {"id": "b2", "text": s2}, {"id": "b3", "text": "\n".join(s1.split("\n")[:3]) + "\nRead more at x.org"}])
    cfg = tmp_path / "dedup.toml"
    cfg.write_text(CONFIG)
    out = tmp_path / "out"
    code, _ = run_cli("clean", str(tmp_path / "in"), "-o", str(out), "--config", str(cfg), "--workers", "2")
    assert code == 0
    kept = {r["id"]: r for p in sorted((out / "kept").glob("*")) for r in read_out(p)}
    rejected = {r["id"]: r for p in sorted((out / "rejected").glob("*")) for r in read_out(p)}
    assert sorted(kept) == ["a2", "a3", "b1"]
    assert sorted(rejected) == ["a1", "b2", "b3"]
    assert kept["b1"]["metadata"]["cluster_size"] == 3  # a1, b1 and the cut-short b3
    assert rejected["b2"]["metadata"]["exact_duplicate_of"] == "a2"
    assert rejected["b3"]["metadata"]["near_duplicate_of"] == "b1"
    stats = orjson.loads((out / "stats.json").read_bytes())
    assert stats["dropped_by_reason"] == {"near_duplicate": 2, "exact_duplicate": 1}

    code, text = run_cli("dedup-report", str(out))
    assert code == 0
    assert "Exact duplicates: 1 groups, 1 documents removed" in text
    assert "clusters 1, documents removed 2" in text
    assert "Estimated false-positive rate: 0.000" in text
    # Each sampled removal with its decisive pair: the removed page ~ the kept page it was removed for.
    assert "a1 ~ b1" in text and "b3 ~ b1" in text
    assert "removals by the edge that decided: 1 by containment, 1 by jaccard" in text
    code, text = run_cli("dedup-report", str(out), "--id", "b3", "--id", "b1", "--id", "a3")
    assert code == 0
    assert "b3 (" in text and "row 2): removed for b1, decided by containment (estimate" in text
    assert "row 0): kept, the survivor of a cluster of 3" in text
    assert "a3: no near duplicate" in text

    # A second run over the finished job changes nothing.
    code, _ = run_cli("clean", str(tmp_path / "in"), "-o", str(out), "--config", str(cfg), "--workers", "1")
    assert code == 0
    assert {r["id"] for p in (out / "kept").glob("*") for r in read_out(p)} == set(kept)


def test_dedup_params_prints_bands_and_curve():
    code, text = run_cli("dedup-params", "--threshold", "0.8", "--num-perm", "64")
    assert code == 0
    assert "bands" in text and "false-positive mass" in text and "*" in text
    assert run_cli("dedup-params", "--threshold", "1.5")[0] == 2


def test_paths_with_an_apostrophe_run_and_report(tmp_path):
    # Paths go into DuckDB SQL as string literals: a quote in a folder name must not break them.
    root = tmp_path / "q'dir"
    (root / "in").mkdir(parents=True)
    s1 = story(1)
    write_jsonl(root / "in" / "it's.jsonl", [{"id": "a1", "text": s1}, {"id": "a2", "text": s1}, {"id": "a3", "text": edit(s1, 2, 0.01)},
                                           {"id": "a4", "text": story(4)}])
    cfg = root / "dedup.toml"
    cfg.write_text(CONFIG)
    out = root / "o'ut"
    code, _ = run_cli("clean", str(root / "in"), "-o", str(out), "--config", str(cfg), "--workers", "2")
    assert code == 0
    kept = {r["id"] for p in (out / "kept").glob("*") for r in read_out(p)}
    assert kept == {"a1", "a4"}
    code, text = run_cli("dedup-report", str(out))
    assert code == 0
    assert "Exact duplicates: 1 groups, 1 documents removed" in text
    assert "clusters 1, documents removed 1" in text


def test_dedup_commands_report_usage_errors_on_stderr(tmp_path):
    code, out, err = run_cli("dedup-params", "--threshold", "1.5", stderr=True)
    assert code == 2 and out == "" and "threshold must be strictly between 0 and 1" in err
    code, out, err = run_cli("dedup-report", str(tmp_path), stderr=True)
    assert code == 2 and out == "" and "no deduplication results" in err
    code, out, err = run_cli("dedup-report", str(tmp_path), "--pairs", "-1", stderr=True)
    assert code == 2 and out == "" and "--pairs" in err
