"""Faults of object storage, on a real S3 API (moto's server on loopback, over HTTP): a denied write,
credentials the server refuses or none at all, reads throttled or cut part way (through a loopback
proxy that fails chosen GETs as S3 does). Each ends in one line and a stated exit code, with nothing
half written; a read that keeps failing is retried a stated number of times, then reported."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import urllib.request

import orjson
import pytest

from tests.scale.conftest import output_lines, prose, read_stats, storage_flags
from tests.scale.faults import KINDS, FaultyProxy
from thresher import exit_codes
from thresher.cli import main
from thresher.io.store import RETRY, Store

pytestmark = pytest.mark.s3


def docs(prefix: str, start: int, n: int) -> bytes:
    return b"".join(orjson.dumps({"id": f"{prefix}{i}", "text": prose(start + i)}) + b"\n" for i in range(n))


PROGRESS = re.compile(r"thresher: \w+: \d+/\d+")  # a phase's progress line (clean: 1/2, unique_ids: 0/1 ...)


def said(err: str) -> list[str]:
    """stderr's lines that are not progress."""
    return [l for l in err.splitlines() if l.strip() and not PROGRESS.match(l)]


def kept_ids(fs, root: str) -> list[str]:
    return sorted(orjson.loads(l)["id"] for p in fs.find(f"{root}/kept") for l in output_lines(p, fs.cat_file(p)))


def deny_puts(fs, bucket: str, prefix: str) -> None:
    """A bucket policy refusing PutObject under ``prefix`` to everyone (moto enforces a bucket's
    Deny even without IAM authentication)."""
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{bucket}/{prefix}*"}]}
    fs.call_s3("put_bucket_policy", Bucket=bucket, Policy=json.dumps(policy))


@pytest.mark.parametrize("denied", ["bucket", "kept"])
def test_a_denied_write_is_one_line_and_leaves_nothing_half_written(tmp_path, s3, capsys, denied):
    fs, opts, bucket = s3
    fs.pipe_file(f"{bucket}/in/a.jsonl", docs("a", 0, 5))
    out = f"{bucket}-out"
    fs.mkdir(out)
    flags = [f"s3://{bucket}/in/a.jsonl", "-o", f"s3://{out}/job", "--no-dedup", "--workers", "1", *storage_flags(opts)]
    if denied == "bucket":  # refused before anything runs: the output is probed first
        deny_puts(fs, out, "")
        assert main(["clean", *flags]) == exit_codes.USAGE
        assert said(capsys.readouterr().err) == [f"thresher: cannot write to s3://{out}/job: PermissionError: Forbidden"]
        assert fs.find(out) == []
        return
    # Only kept/ is refused (credentials that may write some prefixes): the run fails when it
    # writes there, after the shard's work; nothing a reader would trust is left
    deny_puts(fs, out, "job/kept/")
    assert main(["clean", *flags]) == exit_codes.OUTPUT_FAILED
    lines = said(capsys.readouterr().err)
    assert len(lines) == 1, lines
    assert f"writing s3://{out}/job/kept/shard-00000.jsonl.zst: access denied" in lines[0] and lines[0].endswith("re-run the same command to resume")
    assert fs.find(f"{out}/job/kept") == [] and fs.find(f"{out}/job/done") == []
    # Once it may write, the same command resumes and finishes
    fs.call_s3("delete_bucket_policy", Bucket=out)
    assert main(["clean", *flags]) == exit_codes.OK
    assert "resuming" in capsys.readouterr().err
    assert kept_ids(fs, f"{out}/job") == [f"a{i}" for i in range(5)]


def _reset_auth(endpoint: str, count: str) -> None:
    """moto's switch for IAM authentication: requests after the first ``count`` are checked."""
    urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/reset-auth", data=count.encode(), method="POST", headers={"Content-Type": "text/plain"}), timeout=30).read()


@pytest.fixture
def iam_auth(s3_endpoint):
    """Turn moto's IAM authentication on (``iam_auth(True)``): the tests' access key is then unknown
    to it, as a wrong or revoked key is to S3. Off again afterwards, whatever happened."""
    yield lambda on: _reset_auth(s3_endpoint, "0" if on else "inf")
    _reset_auth(s3_endpoint, "inf")


@pytest.mark.parametrize("side", ["input", "output"])
def test_credentials_the_server_refuses_are_one_line_and_exit_2(tmp_path, s3, iam_auth, capsys, side):
    fs, opts, bucket = s3
    fs.pipe_file(f"{bucket}/in/a.jsonl", docs("a", 0, 3))
    local = tmp_path / "a.jsonl"
    local.write_bytes(docs("a", 0, 3))
    args = [f"s3://{bucket}/in/a.jsonl", "-o", str(tmp_path / "out")] if side == "input" else [str(local), "-o", f"s3://{bucket}/out"]
    iam_auth(True)
    code = main(["clean", *args, "--no-dedup", *storage_flags(opts)])
    iam_auth(False)
    lines = said(capsys.readouterr().err)
    assert code == exit_codes.USAGE
    if side == "input":
        assert lines == [f"thresher: s3://{bucket}/in/a.jsonl: cannot be read (PermissionError: The AWS Access Key Id you "
                         "provided does not exist in our records.)", "thresher: nothing to read"]
        assert not (tmp_path / "out").exists()
    else:
        assert len(lines) == 1 and lines[0].startswith(f"thresher: checking s3://{bucket}/out/") and "access denied" in lines[0], lines
        assert fs.find(f"{bucket}/out") == []


@pytest.mark.parametrize("side", ["input", "output"])
def test_no_credentials_at_all_is_one_line_and_exit_2(tmp_path, s3, side):
    fs, opts, bucket = s3
    fs.pipe_file(f"{bucket}/in/a.jsonl", docs("a", 0, 3))
    local = tmp_path / "a.jsonl"
    local.write_bytes(docs("a", 0, 3))
    args = [f"s3://{bucket}/in/a.jsonl", "-o", str(tmp_path / "out")] if side == "input" else [str(local), "-o", f"s3://{bucket}/out"]
    # nothing botocore could find credentials in: no variables, no files, no instance metadata
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"), AWS_CONFIG_FILE=str(tmp_path / "none"), AWS_EC2_METADATA_DISABLED="true")
    proc = subprocess.run([sys.executable, "-m", "thresher", "clean", *args, "--storage-option", f"endpoint_url={opts['endpoint_url']}"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == exit_codes.USAGE, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = said(proc.stderr)
    assert "Unable to locate credentials" in lines[0] and len(lines) == (2 if side == "input" else 1), lines
    assert not (tmp_path / "out").exists() and fs.find(f"{bucket}/out") == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_failing_read_is_tried_a_stated_number_of_times_then_reported_and_the_run_goes_on(tmp_path, s3, s3_endpoint, capsys, kind):
    fs, opts, bucket = s3
    for name, start in (("a", 0), ("b", 10), ("c", 20)):
        fs.pipe_file(f"{bucket}/in/{name}.jsonl", docs(name, start, 5))
    with FaultyProxy(s3_endpoint) as proxy:
        proxy.fail(f"{bucket}/in/a.jsonl", kind, times=RETRY.tries - 1)  # the last try gets through
        proxy.fail(f"{bucket}/in/b.jsonl", kind)  # every try fails
        code = main(["clean", f"s3://{bucket}/in/*.jsonl", "-o", str(tmp_path / "out"), "--no-dedup", "--workers", "1",
                     *storage_flags({**opts, "endpoint_url": proxy.url})])
    capsys.readouterr()
    assert code == exit_codes.OK
    # thresher's tries are the only ones: s3fs and botocore add none (they would make 25 of a 503)
    assert proxy.gets == {f"{bucket}/in/a.jsonl": RETRY.tries, f"{bucket}/in/b.jsonl": RETRY.tries}
    stats = read_stats(tmp_path / "out")
    assert stats["docs_in"] == stats["docs_kept"] == 10  # a.jsonl recovered, c.jsonl untouched
    assert stats["input_errors"] == {"read_failed": 1}
    [sample] = stats["error_samples"]
    assert sample.startswith("b.jsonl:1: read_failed: reading s3://") and f"(gave up after {RETRY.tries} tries)" in sample
    assert ("reduce your request rate" if kind == "slow_down" else "ClientPayloadError") in sample


def test_a_stream_cut_part_way_is_opened_again_where_it_stopped(s3, s3_endpoint):
    fs, opts, bucket = s3
    data = random.Random(0).randbytes(3 << 20)
    fs.pipe_file(f"{bucket}/big.bin", data)
    with FaultyProxy(s3_endpoint) as proxy:
        proxy.fail(f"{bucket}/big.bin", "cut", times=2, after=1)  # the second and third GETs are cut
        store = Store(f"s3://{bucket}", {**opts, "endpoint_url": proxy.url, "default_block_size": 1 << 18})
        with store.open("big.bin") as f:
            got = f.read()
    assert proxy.failed[f"{bucket}/big.bin"] == 2 and proxy.gets[f"{bucket}/big.bin"] >= 4
    assert got == data
