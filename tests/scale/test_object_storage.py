"""thresher clean reading from and writing to a real S3 API (moto's server on loopback, over HTTP)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest
import zstandard

from tests.scale.conftest import comparable_stats, local_outputs, output_lines, prose, read_stats, storage_flags
from thresher.cli import main

pytestmark = pytest.mark.s3


def remote_outputs(fs, root: str) -> dict[str, list[bytes]]:
    found: dict[str, list[bytes]] = {}
    for kind in ("kept", "rejected", "trace"):
        lines: list[bytes] = []
        for path in sorted(fs.find(f"{root}/{kind}")):
            lines.extend(output_lines(path, fs.cat_file(path)))
        found[kind] = sorted(lines)
    return found


def upload(fs, local: Path, remote: str) -> None:
    fs.put_file(str(local), remote)


def test_a_warc_crawl_in_a_bucket_cleans_to_a_bucket_exactly_as_on_local_disk(tmp_path, s3, shared_data, capsys):
    fs, opts, bucket = s3
    warcs = sorted((shared_data / "common-crawl-samples").glob("*.warc.gz"))
    for w in warcs:
        upload(fs, w, f"{bucket}/crawl/{w.name}")
    flags = storage_flags(opts)

    assert main(["clean", *[str(w) for w in warcs], "-o", str(tmp_path / "local"), "--workers", "2"]) == 0
    assert main(["clean", f"s3://{bucket}/crawl/*.warc.gz", "-o", f"s3://{bucket}/out", "--workers", "2", *flags]) == 0
    capsys.readouterr()

    local = local_outputs(tmp_path / "local")
    remote = remote_outputs(fs, f"{bucket}/out")
    assert sum(len(v) for v in local.values()) > 20
    # Ids and sources name where a page came from; the same pages, from two places.
    strip = lambda lines: sorted(l.replace(str(shared_data / "common-crawl-samples").encode(), b"").replace(f"s3://{bucket}/crawl".encode(), b"") for l in lines)  # noqa: E731
    assert {k: strip(v) for k, v in remote.items()} == {k: strip(v) for k, v in local.items()}
    remote_stats = orjson.loads(fs.cat_file(f"{bucket}/out/stats.json"))
    assert comparable_stats(remote_stats) == comparable_stats(read_stats(tmp_path / "local"))
    # every shard vouched for by its marker, written last
    assert len(fs.ls(f"{bucket}/out/done", detail=False)) == len(fs.ls(f"{bucket}/out/kept", detail=False)) >= 2

    # explain and report read the job where it lies
    kept_id = orjson.loads(remote["trace"][0])["id"]
    assert main(["explain", f"s3://{bucket}/out", kept_id, "--color", "never", *flags]) == 0
    assert kept_id in capsys.readouterr().out
    report = tmp_path / "report.html"
    assert main(["report", f"s3://{bucket}/out", "-o", str(report), *flags]) == 0
    assert f"{remote_stats['docs_in']:,}" in report.read_text() or str(remote_stats["docs_in"]) in report.read_text()

    assert main(["dedup-report", f"s3://{bucket}/out", *flags]) == 0
    shown = capsys.readouterr().out
    assert "Exact duplicates" in shown and "Near duplicates" in shown

    # the same command again resumes: nothing redone, nothing doubled
    before = remote_outputs(fs, f"{bucket}/out")
    assert main(["clean", f"s3://{bucket}/crawl/*.warc.gz", "-o", f"s3://{bucket}/out", "--workers", "2", *flags]) == 0
    assert "resuming" in capsys.readouterr().err
    assert remote_outputs(fs, f"{bucket}/out") == before


def test_files_no_marker_vouches_for_are_not_read_back(tmp_path, s3, capsys):
    fs, opts, bucket = s3
    src = tmp_path / "in.jsonl"
    src.write_text("".join(orjson.dumps({"id": f"d{i}", "text": prose(i)}).decode() + "\n" for i in range(6)))
    upload(fs, src, f"{bucket}/in/in.jsonl")
    flags = storage_flags(opts)
    assert main(["clean", f"s3://{bucket}/in/in.jsonl", "-o", f"s3://{bucket}/out", "--no-dedup", *flags]) == 0
    capsys.readouterr()
    # A kept file with no marker (what a run killed between its files and its marker leaves)
    ghost = orjson.dumps({"id": "ghost", "text": "never vouched for"}) + b"\n"
    fs.pipe_file(f"{bucket}/out/kept/stray.jsonl.zst", zstandard.ZstdCompressor().compress(ghost))
    fs.pipe_file(f"{bucket}/out/trace/stray.jsonl.zst", zstandard.ZstdCompressor().compress(ghost))
    from thresher.run.outputs import JobOutput

    output = JobOutput(f"s3://{bucket}/out", opts)
    ids = {r["id"] for r in output.kept()}
    assert "ghost" not in ids and {f"d{i}" for i in range(6)} >= ids and ids
    assert main(["explain", f"s3://{bucket}/out", "ghost", *flags]) == 1


@pytest.mark.parametrize("what", ["missing bucket", "empty glob", "missing prefix", "missing folder", "unwritable output"])
def test_storage_problems_are_one_line_and_exit_2(tmp_path, s3, what):
    fs, opts, bucket = s3
    fs.pipe_file(f"{bucket}/in/a.jsonl", orjson.dumps({"id": "a", "text": "A page with some words in it."}) + b"\n")
    says = None
    if what == "missing bucket":
        args = ["s3://no-such-bucket-here/crawl/*.jsonl", "-o", str(tmp_path / "out")]
    elif what == "empty glob":
        args = [f"s3://{bucket}/in/*.warc.gz", "-o", str(tmp_path / "out")]
    elif what == "missing prefix":
        args = [f"s3://{bucket}/no-such-prefix/*.jsonl", "-o", str(tmp_path / "out")]
        says = f"thresher: s3://{bucket}/no-such-prefix/*.jsonl: matches no file"
    elif what == "missing folder":
        args = [f"s3://{bucket}/no-such-prefix/", "-o", str(tmp_path / "out")]
        says = f"thresher: s3://{bucket}/no-such-prefix/: no such file or folder"
    else:  # a bucket that does not exist as the output, and credentials the server refuses
        args = [f"s3://{bucket}/in/a.jsonl", "-o", "s3://no-such-output-bucket/out"]
    proc = subprocess.run([sys.executable, "-m", "thresher", "clean", *args, *storage_flags(opts)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert 1 <= len(lines) <= 2, proc.stderr
    assert "thresher:" in lines[-1]
    if says is not None:
        assert lines == [says, "thresher: nothing to read"]
    assert not (tmp_path / "out").exists()


def test_a_changed_input_in_the_bucket_is_refused_on_resume(tmp_path, s3, capsys):
    fs, opts, bucket = s3
    fs.pipe_file(f"{bucket}/in/a.jsonl", orjson.dumps({"id": "a", "text": prose(1)}) + b"\n")
    flags = storage_flags(opts)
    out = str(tmp_path / "out")
    assert main(["clean", f"s3://{bucket}/in/a.jsonl", "-o", out, "--no-dedup", *flags]) == 0
    fs.pipe_file(f"{bucket}/in/a.jsonl", fs.cat_file(f"{bucket}/in/a.jsonl") + orjson.dumps({"id": "b", "text": "Another page."}) + b"\n")
    capsys.readouterr()
    assert main(["clean", f"s3://{bucket}/in/a.jsonl", "-o", out, "--no-dedup", *flags]) == 2
    assert "changed since that job ran" in capsys.readouterr().err


DELETER = '''
from dataclasses import dataclass
from typing import ClassVar

from thresher.steps.base import Filter


@dataclass
class DeleteOther(Filter):
    """On its first document, deletes another input from the bucket (someone else's cleanup job)."""
    name: ClassVar[str] = "delete_other"
    url: str = ""
    endpoint_url: str = ""
    key: str = ""
    secret: str = ""

    def score(self, doc):
        import s3fs

        fs = s3fs.S3FileSystem(endpoint_url=self.endpoint_url, key=self.key, secret=self.secret, skip_instance_cache=True)
        if fs.exists(self.url):
            fs.rm(self.url)
        return {}

    def keep(self, signals):
        return None
'''


def test_an_input_deleted_mid_run_is_reported_with_its_name_and_the_run_goes_on(tmp_path, s3, monkeypatch, capsys):
    fs, opts, bucket = s3
    site = tmp_path / "site"
    site.mkdir()
    (site / "deleter_steps.py").write_text(DELETER)
    monkeypatch.syspath_prepend(str(site))
    for name, start in (("a", 0), ("b", 10)):
        fs.pipe_file(f"{bucket}/in/{name}.jsonl", b"".join(orjson.dumps({"id": f"{name}{i}", "text": prose(start + i)}) + b"\n" for i in range(5)))
    cfg = tmp_path / "cfg.toml"
    cfg.write_text(f'''
replace = true

[[step]]
name = "guard"

[[step]]
name = "deleter_steps:DeleteOther"
url = "{bucket}/in/b.jsonl"
endpoint_url = "{opts['endpoint_url']}"
key = "{opts['key']}"
secret = "{opts['secret']}"
''')
    out = tmp_path / "out"
    code = main(["clean", f"s3://{bucket}/in/*.jsonl", "-o", str(out), "--config", str(cfg), "--workers", "1", *storage_flags(opts)])
    assert code in (0, 1)
    stats = read_stats(out)
    assert stats["docs_in"] == 5 and stats["docs_kept"] == 5  # a.jsonl whole
    assert stats["input_errors"] == {"unreadable_file": 1}
    assert any("b.jsonl" in line and "unreadable_file" in line for line in stats["error_samples"])
