"""The output folder against its inputs: a changed input is refused on resume, never skipped; an
output folder inside an input folder is never read as input."""

import io
import os

import orjson
import zstandard

from thresher.cli import main

GUARD_ONLY = 'replace = true\n[[step]]\nname = "guard"\nmax_chars = 1000\n'


def kept_ids(out) -> list[str]:
    ids = []
    for f in sorted((out / "kept").glob("*.jsonl.zst")):
        with open(f, "rb") as raw, zstandard.ZstdDecompressor().stream_reader(raw) as z:
            ids += [orjson.loads(line)["id"] for line in io.BufferedReader(z)]
    return ids


def write_rows(path, ids) -> None:
    path.write_bytes(b"".join(orjson.dumps({"id": i, "text": f"Page {i} says a plain thing."}) + b"\n" for i in ids))


def errors(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


def test_an_input_appended_to_is_refused_in_one_line_that_says_how_to_redo_and_overwrite_reads_it(tmp_path, capsys):
    cfg = tmp_path / "guard.toml"
    cfg.write_text(GUARD_ONLY)
    src = tmp_path / "in.jsonl"
    write_rows(src, ["a", "b"])
    out = tmp_path / "out"
    args = ["clean", str(src), "-o", str(out), "--config", str(cfg)]
    assert main(args) == 0
    with open(src, "ab") as f:
        f.write(orjson.dumps({"id": "c", "text": "A record appended after the run."}) + b"\n")
    capsys.readouterr()
    assert main(args) == 2
    err = errors(capsys)
    assert err == [f"thresher: {out}: input {src} changed since that job ran (its size, modification time or ETag); "
                   "pass --overwrite to redo the job with the inputs as they are now, or choose a new folder"]
    assert kept_ids(out) == ["a", "b"]  # the old results are left as they were
    assert main([*args, "--overwrite"]) == 0
    assert kept_ids(out) == ["a", "b", "c"]


def test_an_input_rewritten_to_the_same_size_is_refused_by_its_modification_time(tmp_path, capsys):
    cfg = tmp_path / "guard.toml"
    cfg.write_text(GUARD_ONLY)
    src = tmp_path / "in.jsonl"
    write_rows(src, ["a", "b"])
    out = tmp_path / "out"
    args = ["clean", str(src), "-o", str(out), "--config", str(cfg)]
    assert main(args) == 0
    size, mtime = src.stat().st_size, src.stat().st_mtime
    write_rows(src, ["x", "y"])  # same length, other records
    os.utime(src, (mtime + 5, mtime + 5))
    assert src.stat().st_size == size
    capsys.readouterr()
    assert main(args) == 2
    assert "changed since that job ran" in capsys.readouterr().err
    assert kept_ids(out) == ["a", "b"]


def test_an_output_folder_inside_the_input_folder_is_not_read_and_the_job_resumes(tmp_path, capsys):
    cfg = tmp_path / "guard.toml"
    cfg.write_text(GUARD_ONLY)
    data = tmp_path / "data"
    data.mkdir()
    write_rows(data / "a.jsonl", ["a1", "a2"])
    write_rows(data / "b.jsonl", ["b1"])
    out = data / "out"
    args = ["clean", str(data), "-o", str(out), "--config", str(cfg)]
    assert main(args) == 0
    first = orjson.loads((out / "stats.json").read_bytes())
    capsys.readouterr()
    assert main(args) == 0  # the job's own kept/ files are not new inputs: the same job, resumed
    assert "resuming" in capsys.readouterr().err
    again = orjson.loads((out / "stats.json").read_bytes())
    assert first["docs_in"] == again["docs_in"] == 3
    assert sorted(kept_ids(out)) == ["a1", "a2", "b1"]


def test_another_jobs_output_folder_inside_the_input_folder_is_left_out_with_a_note(tmp_path, capsys):
    cfg = tmp_path / "guard.toml"
    cfg.write_text(GUARD_ONLY)
    data = tmp_path / "data"
    data.mkdir()
    write_rows(data / "a.jsonl", ["a1", "a2"])
    assert main(["clean", str(data), "-o", str(data / "old"), "--config", str(cfg)]) == 0
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["clean", str(data), "-o", str(out), "--config", str(cfg)]) == 0
    assert f"thresher: {data}: left out old/: a thresher output folder (job.json), not input; name it to read it" in capsys.readouterr().err
    assert sorted(kept_ids(out)) == ["a1", "a2"]
    # named on its own, an output folder's files are read like any others
    assert main(["clean", str(data / "old" / "kept"), "-o", str(tmp_path / "again"), "--config", str(cfg)]) == 0
    assert sorted(kept_ids(tmp_path / "again")) == ["a1", "a2"]
