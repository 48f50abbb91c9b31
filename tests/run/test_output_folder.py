"""The output folder against its inputs: a changed input is refused on resume, never skipped; an
output folder inside an input folder is never read as input."""

import io
import os

import orjson
import pytest
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


@pytest.fixture
def cfg(tmp_path):
    """A config of the guard alone: these tests are about the job's folders, not its steps."""
    path = tmp_path / "guard.toml"
    path.write_text(GUARD_ONLY)
    return path


def errors(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


def test_an_input_appended_to_is_refused_in_one_line_that_says_how_to_redo_and_overwrite_reads_it(tmp_path, cfg, capsys):
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


def test_an_input_rewritten_to_the_same_size_is_refused_by_its_modification_time(tmp_path, cfg, capsys):
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


def test_an_output_folder_inside_the_input_folder_is_not_read_and_the_job_resumes(tmp_path, cfg, capsys):
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
    err = capsys.readouterr().err
    assert "resuming" in err and "left out" not in err  # nothing to say about its own folder
    again = orjson.loads((out / "stats.json").read_bytes())
    assert first["docs_in"] == again["docs_in"] == 3
    assert sorted(kept_ids(out)) == ["a1", "a2", "b1"]


def test_another_jobs_output_folder_inside_the_input_folder_is_left_out_with_a_note(tmp_path, cfg, capsys):
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


def _no_partial_files(root) -> list[str]:
    """Temporary files (a write that did not finish) anywhere under ``root``."""
    return [str(p) for p in root.rglob(".*.tmp-*")]


def test_a_read_only_output_folder_is_one_line_exit_2_and_nothing_written(tmp_path, cfg, tmpfs, capsys):
    src = tmp_path / "in.jsonl"
    write_rows(src, ["a", "b"])
    ro = tmpfs("ro", ro=True)
    assert main(["clean", str(src), "-o", str(ro), "--config", str(cfg)]) == 2
    assert errors(capsys) == [f"thresher: cannot write to {ro}: Read-only file system"]
    # a folder to be made under a read-only parent
    assert main(["clean", str(src), "-o", str(ro / "out"), "--config", str(cfg)]) == 2
    assert errors(capsys) == [f"thresher: cannot write to {ro / 'out'}: Read-only file system: '{ro / 'out'}'"]
    assert list(ro.iterdir()) == []


def test_a_resume_into_a_folder_gone_read_only_is_one_line_exit_2_and_the_old_results_stand(tmp_path, cfg, tmpfs, capsys):
    src = tmp_path / "in.jsonl"
    write_rows(src, ["a", "b"])
    disk = tmpfs("disk")
    out = disk / "out"
    args = ["clean", str(src), "-o", str(out), "--config", str(cfg)]
    assert main(args) == 0
    for name in ("kept", "done", "stats.json"):  # as a kill before the shard's marker leaves it
        p = out / name
        p.unlink() if p.is_file() else [f.unlink() for f in p.iterdir()]
    (out / "kept").rmdir()
    before = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    tmpfs.remount(disk, "ro")
    capsys.readouterr()
    assert main(args) == 2
    assert errors(capsys) == [f"thresher: cannot write to {out}: Read-only file system"]
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == before


def test_kept_a_file_where_its_folder_must_be_is_one_line_exit_2_before_any_work(tmp_path, cfg, capsys):
    src = tmp_path / "in.jsonl"
    write_rows(src, ["a", "b"])
    out = tmp_path / "out"
    args = ["clean", str(src), "-o", str(out), "--config", str(cfg)]
    assert main(args) == 0
    for p in [*(out / "kept").iterdir(), *(out / "done").iterdir()]:
        p.unlink()
    (out / "kept").rmdir()
    (out / "kept").write_text("not a folder")
    capsys.readouterr()
    assert main(args) == 2
    assert errors(capsys) == [f"thresher: cannot write to {out / 'kept'}: a file is where a folder must be"]
    assert list((out / "done").iterdir()) == [] and (out / "kept").read_text() == "not a folder"


def test_a_disk_that_fills_up_mid_run_is_one_line_exit_5_nothing_half_written_and_a_rerun_with_room_completes(tmp_path, tmpfs, capsys):
    cfg = tmp_path / "guard.toml"
    cfg.write_text('replace = true\n[[step]]\nname = "guard"\nmax_chars = 100000\n')
    src = tmp_path / "in"
    src.mkdir()
    for f in range(6):  # hex does not compress much: 6 shards of about 200 KB of output each
        (src / f"part-{f}.jsonl").write_bytes(b"".join(orjson.dumps({"id": f"{f}-{i}", "text": os.urandom(2000).hex()}) + b"\n"
                                                       for i in range(100)))
    disk = tmpfs("disk", size="512k")
    out = disk / "out"
    args = ["clean", str(src), "-o", str(out), "--config", str(cfg), "--workers", "1"]
    assert main(args) == 5
    err = errors(capsys)
    assert err[-1] == (f"thresher: cannot write to {out}: No space left on device; completed shards are kept; "
                       "make room (or make it writable) and re-run the same command to resume")
    assert "Traceback" not in "\n".join(err)
    assert _no_partial_files(out) == []
    done = {p.name for p in (out / "done").iterdir()}
    assert 0 < len(done) < 6
    assert {p.name.split(".")[0] for p in (out / "kept").iterdir()} == done  # every kept file is a finished shard's
    tmpfs.remount(disk, "size=16m")
    assert main(args) == 0
    assert sorted(kept_ids(out)) == sorted(f"{f}-{i}" for f in range(6) for i in range(100))
