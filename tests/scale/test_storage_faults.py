"""Faults of object storage, on a real S3 API (moto's server on loopback, over HTTP): a denied write,
credentials the server refuses or none at all, reads, uploads and listings throttled, reset or cut
part way, an input deleted part way through its read (through a loopback proxy that fails chosen
requests as S3 does). Each ends in one line and a stated exit code, with nothing half written; a
call that keeps failing is retried a stated number of times, then reported (a read) or stops the
run resumably (an upload) or before anything is written (a listing)."""

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
from tests.scale.faults import TRANSIENT_KINDS, FaultyProxy
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


@pytest.mark.parametrize("kind", TRANSIENT_KINDS)
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
    # thresher's tries are the only ones: s3fs and botocore add none (they would make 25 of a 503);
    # aiohttp sends an idempotent request once more when a reused kept-alive connection closes unanswered
    assert proxy.gets[f"{bucket}/in/a.jsonl"] == RETRY.tries
    assert RETRY.tries <= proxy.gets[f"{bucket}/in/b.jsonl"] <= (2 * RETRY.tries if kind == "reset" else RETRY.tries)
    stats = read_stats(tmp_path / "out")
    assert stats["docs_in"] == stats["docs_kept"] == 10  # a.jsonl recovered, c.jsonl untouched
    assert stats["input_errors"] == {"read_failed": 1}
    [sample] = stats["error_samples"]
    assert sample.startswith("b.jsonl:1: read_failed: reading s3://") and f"(gave up after {RETRY.tries} tries)" in sample
    assert {"slow_down": "reduce your request rate", "cut": "ClientPayloadError", "reset": "ConnectionClosedError"}[kind] in sample, sample


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


def job_flags(bucket: str, out: str, opts: dict, endpoint: str) -> list[str]:
    return [f"s3://{bucket}/in/*.jsonl", "-o", f"s3://{out}/job", "--no-dedup", "--workers", "1",
            *storage_flags({**opts, "endpoint_url": endpoint})]


def two_inputs_and_an_output_bucket(fs, bucket: str) -> tuple[str, list[str]]:
    """a.jsonl and b.jsonl (two shards of 5) in ``bucket``, an empty output bucket; its name and
    the ids a whole job keeps."""
    for name, start in (("a", 0), ("b", 10)):
        fs.pipe_file(f"{bucket}/in/{name}.jsonl", docs(name, start, 5))
    out = f"{bucket}-out"
    fs.mkdir(out)
    return out, sorted([f"a{i}" for i in range(5)] + [f"b{i}" for i in range(5)])


@pytest.mark.parametrize("kind", ["slow_down", "reset"])
def test_an_upload_that_fails_for_a_while_is_tried_again_and_the_output_is_whole(s3, s3_endpoint, capsys, kind):
    fs, opts, bucket = s3
    out, whole = two_inputs_and_an_output_bucket(fs, bucket)
    kept = f"{out}/job/kept/shard-00000.jsonl.zst"
    with FaultyProxy(s3_endpoint) as proxy:
        proxy.fail(kept, kind, times=RETRY.tries - 1, op="PUT")  # the last try gets through
        code = main(["clean", *job_flags(bucket, out, opts, proxy.url)])
    capsys.readouterr()
    assert code == exit_codes.OK
    assert proxy.failed[kept] == RETRY.tries - 1 and proxy.gets[kept] == RETRY.tries
    assert kept_ids(fs, f"{out}/job") == whole


@pytest.mark.parametrize("kind", ["slow_down", "reset"])
def test_an_upload_that_keeps_failing_stops_the_run_in_one_line_and_the_same_command_resumes(s3, s3_endpoint, capsys, kind):
    fs, opts, bucket = s3
    out, whole = two_inputs_and_an_output_bucket(fs, bucket)
    kept = f"{out}/job/kept/shard-00001.jsonl.zst"  # the second shard's: the first is done by then
    with FaultyProxy(s3_endpoint) as proxy:
        proxy.fail(kept, kind, op="PUT")
        code = main(["clean", *job_flags(bucket, out, opts, proxy.url)])
    lines = said(capsys.readouterr().err)
    assert code == exit_codes.OUTPUT_FAILED
    assert len(lines) == 1, lines
    assert f"writing s3://{kept}" in lines[0] and f"(gave up after {RETRY.tries} tries)" in lines[0], lines
    assert lines[0].endswith("re-run the same command to resume")
    # thresher tries RETRY.tries times; aiohttp itself sends an idempotent request once more when a
    # kept-alive connection it reused closes without an answer (a stale connection, not a retry policy)
    assert RETRY.tries <= proxy.gets[kept] <= (2 * RETRY.tries if kind == "reset" else RETRY.tries)
    # nothing of the failed shard is trusted: no marker vouches for it, and its other files are not there
    assert [p.rsplit("/", 1)[-1] for p in fs.find(f"{out}/job/done")] == ["shard-00000"]
    assert not fs.exists(kept)
    # the store answers again: the same command finishes the job, the done shard is not redone
    assert main(["clean", *job_flags(bucket, out, opts, s3_endpoint)]) == exit_codes.OK
    assert "resuming" in capsys.readouterr().err
    assert kept_ids(fs, f"{out}/job") == whole
    assert read_stats_s3(fs, f"{out}/job")["docs_in"] == 10


def read_stats_s3(fs, root: str) -> dict:
    return orjson.loads(fs.cat_file(f"{root}/stats.json"))


@pytest.mark.parametrize("kind", ["slow_down", "reset"])
def test_a_listing_that_fails_for_a_while_is_tried_again(tmp_path, s3, s3_endpoint, capsys, kind):
    fs, opts, bucket = s3
    fs.pipe_file(f"{bucket}/in/a.jsonl", docs("a", 0, 5))
    with FaultyProxy(s3_endpoint) as proxy:
        proxy.fail(bucket, kind, times=RETRY.tries - 1, op="LIST")
        code = main(["clean", f"s3://{bucket}/in/*.jsonl", "-o", str(tmp_path / "out"), "--no-dedup", "--workers", "1",
                     *storage_flags({**opts, "endpoint_url": proxy.url})])
    capsys.readouterr()
    assert code == exit_codes.OK
    assert proxy.failed[bucket] == RETRY.tries - 1
    assert read_stats(tmp_path / "out")["docs_kept"] == 5


def test_a_listing_that_keeps_failing_is_one_line_and_exit_2_with_nothing_written(tmp_path, s3, s3_endpoint, capsys):
    fs, opts, bucket = s3
    fs.pipe_file(f"{bucket}/in/a.jsonl", docs("a", 0, 5))
    with FaultyProxy(s3_endpoint) as proxy:
        proxy.fail(bucket, "slow_down", op="LIST")
        code = main(["clean", f"s3://{bucket}/in/*.jsonl", "-o", str(tmp_path / "out"), "--no-dedup", "--workers", "1",
                     *storage_flags({**opts, "endpoint_url": proxy.url})])
    lines = said(capsys.readouterr().err)
    assert code == exit_codes.USAGE
    assert lines[0].startswith(f"thresher: s3://{bucket}/in/*.jsonl: cannot be read (") and "reduce your request rate" in lines[0]
    assert f"(gave up after {RETRY.tries} tries)" in lines[0] and lines[1:] == ["thresher: nothing to read"], lines
    assert proxy.failed[bucket] >= RETRY.tries
    assert not (tmp_path / "out").exists()


def test_an_input_deleted_part_way_through_its_read_keeps_what_was_read_and_names_the_file(tmp_path, s3, s3_endpoint, capsys):
    fs, opts, bucket = s3
    fs.pipe_file(f"{bucket}/in/a.jsonl", docs("a", 0, 5))
    big = docs("b", 100, 3000)  # about 3 MB: read in several ranged GETs
    fs.pipe_file(f"{bucket}/in/b.jsonl", big)
    with FaultyProxy(s3_endpoint) as proxy:
        proxy.fail(f"{bucket}/in/b.jsonl", "gone", after=1)  # deleted once its first part was read
        # blocks of 256 KB (s3fs reads 50 MB at once by default): the file takes several GETs
        code = main(["clean", f"s3://{bucket}/in/*.jsonl", "-o", str(tmp_path / "out"), "--no-dedup", "--workers", "1",
                     *storage_flags({**opts, "endpoint_url": proxy.url, "default_block_size": 1 << 18})])
    capsys.readouterr()
    assert code in (exit_codes.OK, exit_codes.SOME_INPUTS_UNUSABLE)
    assert proxy.failed[f"{bucket}/in/b.jsonl"] == 1  # a missing key is not retried
    stats = read_stats(tmp_path / "out")
    assert stats["input_errors"] == {"unreadable_file": 1}
    [sample] = stats["error_samples"]
    read = stats["docs_in"] - 5
    assert 0 < read < 3000  # what came before the deletion is kept, nothing after it is invented
    assert sample.startswith(f"b.jsonl: unreadable_file: gone part way through the read, after {read:,} records"), sample
    kept = sorted(orjson.loads(l)["id"] for f in (tmp_path / "out" / "kept").iterdir() for l in output_lines(f.name, f.read_bytes()))
    assert kept == sorted([f"a{i}" for i in range(5)] + [f"b{i}" for i in range(read)])
