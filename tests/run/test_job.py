"""The engine: bad input is counted and kept, outputs are atomic, a killed run resumes exactly."""

import gzip
import io
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from thresher.cli import main

GUARD_ONLY = 'replace = true\n[[step]]\nname = "guard"\nmax_chars = 1000\n'


def read_out(path: Path) -> list[dict]:
    rows = []
    for f in sorted(path.glob("*.jsonl.zst")):
        with open(f, "rb") as raw, zstandard.ZstdDecompressor().stream_reader(raw) as z:
            rows += [orjson.loads(line) for line in io.BufferedReader(z)]
    for f in sorted(path.glob("*.parquet")):
        rows += pq.read_table(f).to_pylist()
    return rows


@pytest.fixture
def guard_config(tmp_path) -> Path:
    p = tmp_path / "guard.toml"
    p.write_text(GUARD_ONLY)
    return p


def test_bad_records_are_counted_reported_and_kept_in_the_rejected_sink(tmp_path, guard_config, capsys):
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        orjson.dumps({"id": "ok", "text": "fine text", "url": "u"}) + b"\n"
        + b'{"id": "broken", "text": \n'
        + orjson.dumps({"id": "nofield", "body": "x"}) + b"\n"
        + b'{"id": "latin1", "text": "caf\xe9"}\n'
        + orjson.dumps({"id": "empty", "text": "   "}) + b"\n"
        + orjson.dumps({"id": "huge", "text": "y" * 5000}) + b"\n"
    )
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "--config", str(guard_config), "--workers", "1"]) == 0
    kept = {r["id"]: r for r in read_out(out / "kept")}
    rejected = {r["id"]: r for r in read_out(out / "rejected")}
    assert set(kept) == {"ok", "latin1"}
    assert kept["ok"]["url"] == "u"  # input fields survive
    assert kept["latin1"]["text"] == "caf\ufffd" and kept["latin1"]["metadata"]["decode_errors"] is True
    assert rejected["in.jsonl:2"]["verdict"]["reason"] == "input:malformed_json"
    assert rejected["in.jsonl:2"]["text"].startswith('{"id": "broken"')  # the raw line is not lost
    assert rejected["nofield"]["verdict"]["reason"] == "input:missing_field"
    assert rejected["nofield"]["body"] == "x"
    assert rejected["empty"]["verdict"]["reason"] == "empty"
    assert rejected["huge"]["verdict"]["reason"] == "too_large"
    stats = orjson.loads((out / "stats.json").read_bytes())
    assert stats["docs_in"] == 6 and stats["docs_kept"] == 2
    assert stats["input_errors"] == {"malformed_json": 1, "missing_field": 1, "invalid_utf8": 1}
    assert any(s.startswith("in.jsonl:2: malformed_json") for s in stats["error_samples"])


def test_missing_path_is_reported_and_the_rest_still_runs(tmp_path, guard_config, capsys):
    src = tmp_path / "a.jsonl"
    src.write_bytes(orjson.dumps({"id": "a", "text": "t"}) + b"\n")
    out = tmp_path / "out"
    rc = main(["clean", str(src), str(tmp_path / "missing.jsonl"), "-o", str(out), "--config", str(guard_config)])
    assert rc == 1
    assert "missing.jsonl: no such file or folder" in capsys.readouterr().err
    assert [r["id"] for r in read_out(out / "kept")] == ["a"]
    assert main(["clean", str(tmp_path / "nothing"), "-o", str(tmp_path / "o2")]) == 2


def test_another_jobs_folder_is_refused_unless_overwrite(tmp_path, guard_config, capsys):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_bytes(orjson.dumps({"id": "a", "text": "t"}) + b"\n")
    b.write_bytes(orjson.dumps({"id": "b", "text": "t"}) + b"\n")
    out = tmp_path / "out"
    assert main(["clean", str(a), "-o", str(out), "--config", str(guard_config)]) == 0
    assert main(["clean", str(b), "-o", str(out), "--config", str(guard_config)]) == 2
    assert "different thresher job" in capsys.readouterr().err
    assert [r["id"] for r in read_out(out / "kept")] == ["a"]  # untouched
    assert main(["clean", str(b), "-o", str(out), "--config", str(guard_config), "--overwrite"]) == 0
    assert [r["id"] for r in read_out(out / "kept")] == ["b"]
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("mine")
    assert main(["clean", str(a), "-o", str(stranger), "--config", str(guard_config), "--overwrite"]) == 2
    assert (stranger / "notes.txt").read_text() == "mine"


def test_parquet_in_and_out_keeps_ids_and_fields(tmp_path, guard_config):
    src = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist([{"doc": "p1", "content": "hello", "lang": "en"}, {"doc": "p2", "content": "", "lang": "fr"}]), src)
    out = tmp_path / "out"
    args = ["clean", str(src), "-o", str(out), "--config", str(guard_config), "--format", "parquet", "--text-field", "content", "--id-field", "doc"]
    assert main(args) == 0
    kept, rejected = read_out(out / "kept"), read_out(out / "rejected")
    assert [(r["doc"], r["content"], r["lang"]) for r in kept] == [("p1", "hello", "en")]
    assert orjson.loads(rejected[0]["verdict"])["reason"] == "empty"


def test_text_folder_ids_are_relative_paths_and_shards_are_deterministic(tmp_path, guard_config):
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text("bee")
    (folder / "sub" / "a.txt").write_text("ay")
    (folder / "c.txt.gz").write_bytes(gzip.compress(b"sea"))
    out = tmp_path / "out"
    assert main(["clean", str(folder), "-o", str(out), "--config", str(guard_config)]) == 0
    assert sorted(r["id"] for r in read_out(out / "kept")) == ["b.txt", "c.txt.gz", "sub/a.txt"]


def _write_corpus(folder: Path, files: int, per_file: int) -> set[str]:
    ids = set()
    folder.mkdir()
    for f in range(files):
        with open(folder / f"part-{f:03d}.jsonl", "wb") as fh:
            for i in range(per_file):
                doc_id = f"f{f}-{i}"
                ids.add(doc_id)
                text = "" if i % 97 == 0 else f"document {doc_id} " * 20
                fh.write(orjson.dumps({"id": doc_id, "text": text}) + b"\n")
    return ids


def test_a_killed_run_resumes_without_duplicates_or_losses(tmp_path):
    ids = _write_corpus(tmp_path / "in", files=30, per_file=3000)
    out = tmp_path / "out"
    # The cleaning steps make each shard take long enough (tens of ms) that a kill after the
    # third completed shard reliably lands mid-run, on a fast machine or a loaded one.
    cfg = tmp_path / "clean.toml"
    cfg.write_text(GUARD_ONLY + "".join(f'[[step]]\nname = "{n}"\n' for n in ("unicode", "unwrap", "repeats", "boilerplate")))
    cmd = [sys.executable, "-m", "thresher.cli", "clean", str(tmp_path / "in"), "-o", str(out), "--config", str(cfg), "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and len(list((out / "done").glob("shard-*"))) < 3:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_before = len(list((out / "done").glob("shard-*")))
    assert 3 <= done_before < 30, "the kill should land mid-run"
    # Only completed shards are visible; a half-written one exists at most as a hidden temp file.
    assert len(list((out / "kept").glob("*.jsonl.zst"))) <= done_before + 1
    assert subprocess.run(cmd, capture_output=True).returncode == 0
    seen = [r["id"] for r in read_out(out / "kept")] + [r["id"] for r in read_out(out / "rejected")]
    assert len(seen) == len(set(seen)), "no document written twice"
    assert set(seen) == ids, "no document lost"
    assert not list(out.rglob(".*.tmp-*"))
    stats = orjson.loads((out / "stats.json").read_bytes())
    assert stats["docs_in"] == len(ids)
    assert stats["dropped_by_reason"] == {"empty": 30 * 31}


def test_a_step_that_raises_drops_only_that_document(tmp_path):
    from thresher.document import Document
    from thresher.steps.base import Editor, ShardContext

    class Fragile(Editor):
        name = "fragile"

        def edit(self, doc):
            if "boom" in doc.text:
                raise RuntimeError("cannot handle boom")
            return []

    ctx = ShardContext()
    docs = list(Fragile().run([Document("a", "fine"), Document("b", "boom"), Document("c", "fine")], ctx))
    assert [d.kept for d in docs] == [True, False, True]
    assert docs[1].verdict.reason == "error:RuntimeError" and "cannot handle boom" in docs[1].verdict.detail
    assert ctx.stats.dropped_by_reason == {"error:RuntimeError": 1}


# -- corpus stages ------------------------------------------------------------------------------
from dataclasses import dataclass  # noqa: E402

from thresher.document import Edit  # noqa: E402
from thresher.steps.corpus import CorpusStage  # noqa: E402


@dataclass
class DropShouting(CorpusStage):
    """A toy corpus stage: learns in prepare() which ids shout, drops them and trims '!' in apply()."""

    name = "drop_shouting"

    def prepare(self, ctx):
        ids = [d.id for s in ctx.shards for d in ctx.docs(s, upto=self.name) if d.kept and d.text.isupper()]
        ctx.store(self.name).write_bytes("ids.json", orjson.dumps(ids))

    def load(self, shard, ctx):
        return set(orjson.loads(ctx.store(self.name).read_bytes("ids.json")))

    def apply(self, d, row, ids):
        if d.id in ids:
            d.drop(self.name, "shouting")
        elif d.text.endswith("!"):
            d.apply([Edit(len(d.text) - 1, len(d.text), "toy:bang")])


def test_corpus_stages_see_every_shard_and_their_decisions_reach_output_and_stats(tmp_path, monkeypatch, capsys):
    from thresher import pipeline

    monkeypatch.setitem(pipeline.CORPUS_STAGES, "drop_shouting", f"{__name__}:DropShouting")
    cfg = tmp_path / "c.toml"
    cfg.write_text(GUARD_ONLY + '\n[[corpus]]\nname = "drop_shouting"\n')
    for i, texts in enumerate([["quiet one!", "LOUD"], ["quiet two", "ALSO LOUD", ""]]):
        (tmp_path / f"p{i}.jsonl").write_bytes(b"".join(orjson.dumps({"id": f"{i}-{j}", "text": t}) + b"\n" for j, t in enumerate(texts)))
    out = tmp_path / "out"
    assert main(["clean", str(tmp_path / "p0.jsonl"), str(tmp_path / "p1.jsonl"), "-o", str(out), "--config", str(cfg), "--workers", "2"]) == 0
    kept = {r["id"]: r["text"] for r in read_out(out / "kept")}
    assert kept == {"0-0": "quiet one", "1-0": "quiet two"}
    reasons = {r["id"]: r["verdict"]["reason"] for r in read_out(out / "rejected")}
    assert reasons == {"0-1": "shouting", "1-1": "shouting", "1-2": "empty"}
    stats = orjson.loads((out / "stats.json").read_bytes())
    assert stats["dropped_by_reason"] == {"shouting": 2, "empty": 1}
    assert stats["chars_by_rule"] == {"toy:bang": 1}
    assert stats["docs_in"] == 5 and stats["docs_kept"] == 2
    # explain shows the corpus stage's edit on the original
    capsys.readouterr()
    assert main(["explain", str(out), "0-0", "--color", "never"]) == 0
    shown = capsys.readouterr().out
    assert "0-0: kept" in shown and "quiet one[-!-]<<toy:bang>>" in shown


def test_a_corpus_stage_that_could_change_nothing_in_so_few_documents_is_left_out(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text(GUARD_ONLY + '\n[[corpus]]\nname = "exact_dedup"\n\n[[corpus]]\nname = "repeated_lines"\nmin_docs = 3\n')
    two = tmp_path / "two.jsonl"
    two.write_bytes(b"".join(orjson.dumps({"id": i, "text": "the same page\nwith a line"}) + b"\n" for i in ("a", "b")))
    out = tmp_path / "two"
    assert main(["clean", str(two), "-o", str(out), "--config", str(cfg), "--workers", "1"]) == 0
    # two kept documents can be duplicates, not three pages sharing a line
    assert [r["id"] for r in read_out(out / "kept")] == ["a"]
    assert [(r["id"], r["verdict"]["reason"]) for r in read_out(out / "rejected")] == [("b", "exact_duplicate")]
    assert (out / "_work" / "exact_dedup").is_dir() and not (out / "_work" / "repeated_lines").exists()
    phases = orjson.loads((out / "stats.json").read_bytes())["seconds_by_phase"]
    assert "stage:exact_dedup" in phases and "stage:repeated_lines" not in phases

    one = tmp_path / "one.jsonl"
    one.write_bytes(orjson.dumps({"id": "a", "text": "the same page\nwith a line"}) + b"\n")
    out = tmp_path / "one"
    assert main(["clean", str(one), "-o", str(out), "--config", str(cfg), "--workers", "1"]) == 0
    assert [r["text"] for r in read_out(out / "kept")] == ["the same page\nwith a line"]
    assert sorted(p.name for p in (out / "_work").iterdir()) == ["states"]


def test_which_stages_can_act_on_how_many_documents():
    from thresher.steps.dedup.exact import ExactDedup
    from thresher.steps.dedup.lines import RepeatedLines
    from thresher.steps.dedup.near import NearDedup
    from thresher.steps.unique_ids import UniqueIds

    for dedup in (ExactDedup(), NearDedup()):
        assert not dedup.can_act(1, 5) and dedup.can_act(2, 2)
    assert not RepeatedLines(min_docs=20).can_act(19, 30) and RepeatedLines(min_docs=20).can_act(20, 20)
    assert not UniqueIds().can_act(1, 1) and UniqueIds().can_act(0, 2)  # a dropped document's id counts


def test_truncated_and_corrupt_files_keep_what_was_read(tmp_path, guard_config):
    whole = b"".join(orjson.dumps({"id": f"z{i}", "text": f"text number {i} " * 50}) + b"\n" for i in range(400))
    src = tmp_path / "in"
    src.mkdir()
    (src / "cut.jsonl.gz").write_bytes(gzip.compress(whole)[:-200])  # stream ends early
    (src / "bad.parquet").write_bytes(b"PAR1 not really parquet")
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "--config", str(guard_config)]) == 0
    kept = [r["id"] for r in read_out(out / "kept")]
    assert 300 < len(kept) < 400 and kept[:3] == ["z0", "z1", "z2"]
    stats = orjson.loads((out / "stats.json").read_bytes())
    assert stats["input_errors"] == {"truncated_file": 1, "unreadable_file": 1}
    assert any(s.startswith("bad.parquet: unreadable_file") for s in stats["error_samples"])


def test_guard_leaves_html_size_to_the_extract_step():
    from thresher.document import Document
    from thresher.steps.base import ShardContext
    from thresher.steps.guard import Guard

    html = Document("h", "<p>x</p>" * 100, metadata={"format": "html"})
    text = Document("t", "x" * 800)
    [h, t] = Guard(max_chars=500).run([html, text], ShardContext())
    assert h.kept and not t.kept and t.verdict.reason == "too_large"


DELETER_STEP = '''
import os
from dataclasses import dataclass
from typing import ClassVar

from thresher.steps.base import Filter


@dataclass
class DeleteFile(Filter):
    """On its first document, deletes a file (someone else's cleanup job running beside thresher)."""
    name: ClassVar[str] = "delete_file"
    path: str = ""

    def score(self, doc):
        if os.path.exists(self.path):
            os.remove(self.path)
        return {}

    def keep(self, signals):
        return None
'''


@pytest.mark.parametrize("which", ["the next input", "the input being read"])
def test_an_input_deleted_mid_run_loses_nothing_that_could_be_read_and_is_named(tmp_path, monkeypatch, which):
    site = tmp_path / "site"
    site.mkdir()
    (site / "deleter_local.py").write_text(DELETER_STEP)
    monkeypatch.syspath_prepend(str(site))
    src = tmp_path / "in"
    src.mkdir()
    for name in "ab":
        (src / f"{name}.jsonl").write_bytes(b"".join(orjson.dumps({"id": f"{name}{i}", "text": f"record {i} of {name}"}) + b"\n"
                                                     for i in range(2000)))
    victim = src / ("b.jsonl" if which == "the next input" else "a.jsonl")
    cfg = tmp_path / "cfg.toml"
    cfg.write_text(GUARD_ONLY + f'[[step]]\nname = "deleter_local:DeleteFile"\npath = "{victim}"\n')
    out = tmp_path / "out"
    code = main(["clean", str(src), "-o", str(out), "--config", str(cfg), "--workers", "1"])
    stats = orjson.loads((out / "stats.json").read_bytes())
    kept = sorted(r["id"] for r in read_out(out / "kept"))
    if which == "the next input":  # gone before it was opened: named, and the run goes on
        assert code == 0 or code == 1
        assert stats["input_errors"] == {"unreadable_file": 1}
        assert any(s.startswith("b.jsonl: unreadable_file:") and "No such file" in s for s in stats["error_samples"])
        assert kept == sorted(f"a{i}" for i in range(2000))
    else:  # deleted while open: the open file is still read to its end, as POSIX keeps it
        assert code == 0 and stats["input_errors"] == {}
        assert kept == sorted(f"{n}{i}" for n in "ab" for i in range(2000))
