"""Faults a real `thresher clean` process meets: its own kill -9, SIGTERM, a worker killed (the OOM
killer's way). Each leaves no process behind, says one sentence, and a re-run gives the output of
an uninterrupted run."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
import zstandard

SRC = Path(__file__).resolve().parents[2] / "src"

# A step that takes a known time per document, and leaves in `seen/<pid>` the shard that worker
# is on and how many of its documents it has done: the tests know which processes are workers and
# what each was doing when it was killed.
SLOW_STEP = '''
import os
import time
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from thresher.steps.base import Step

DONE = Counter()  # documents done per shard, in this worker


@dataclass
class Slow(Step):
    name: ClassVar[str] = "slow"
    seconds: float = 0.002
    seen: str = ""

    def process(self, doc, ctx):
        if self.seen:
            DONE[ctx.shard] += 1
            with open(os.path.join(self.seen, str(os.getpid())), "w") as f:
                f.write(f"{ctx.shard or ''} {DONE[ctx.shard]}")
        time.sleep(self.seconds)
'''

CONFIG = '''replace = true

[[step]]
name = "guard"

[[step]]
name = "slow_steps:Slow"
seen = "{seen}"

[[corpus]]
name = "exact_dedup"
'''

SHARDS, PER_SHARD = 12, 400  # about 1 s a shard: a run of several seconds on two workers


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    """The command line of a job that runs long enough to be hit mid-run, and its environment."""
    tmp_path = tmp_path_factory.mktemp("job")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "slow_steps.py").write_text(SLOW_STEP)
    seen = tmp_path / "seen"
    seen.mkdir()
    (tmp_path / "job.toml").write_text(CONFIG.format(seen=seen))
    inputs = tmp_path / "in"
    inputs.mkdir()
    for f in range(SHARDS):
        rows = [{"id": f"f{f}-{i}", "text": f"Page {i} of file {f} tells one more plain fact about the bridge."} for i in range(PER_SHARD)]
        rows[0]["text"] = "The same page in every file, word for word."  # exact_dedup has work across shards
        (inputs / f"part-{f:02d}.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(tmp_path / "site"), str(SRC), os.environ.get("PYTHONPATH")) if p))

    def cmd(out: Path) -> list[str]:
        return [sys.executable, "-m", "thresher", "clean", str(inputs), "-o", str(out), "--config", str(tmp_path / "job.toml"), "--workers", "2"]

    return cmd, env, seen


def _start(cmd: list[str], env: dict, seen: Path) -> subprocess.Popen:
    for old in seen.iterdir():  # an earlier run's workers
        old.unlink()
    # Its own session: the test can find every process it started (and nothing else) by group.
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _alive_in_group(pgid: int) -> list[int]:
    """Processes of group ``pgid`` that still run (a zombie has ended; its parent is gone)."""
    pids = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, pgrp = fields[0], int(fields[2])
        if pgrp == pgid and state not in ("Z", "X"):
            pids.append(int(d.name))
    return pids


def _children(pid: int) -> list[int]:
    kids = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        kids += [int(k) for k in (task / "children").read_text().split()]
    return kids


def _wait_mid_run(proc: subprocess.Popen, out: Path, seen: Path) -> list[int]:
    """Wait until a shard is done and two workers are at work on others; their pids."""
    deadline = time.time() + 120
    while time.time() < deadline:
        assert proc.poll() is None, "the run ended before it could be interrupted"
        workers = set(int(p.name) for p in seen.iterdir()) & set(_children(proc.pid))
        if _shards_done(out) and len(workers) >= 2:
            return sorted(workers)
        time.sleep(0.02)
    raise AssertionError("the run never got going")


def _mid_shard(seen: Path, worker: int) -> str:
    """Wait until ``worker`` is well inside a shard (killed between two shards, it was on neither);
    that shard's name."""
    deadline = time.time() + 60
    while time.time() < deadline:
        shard, _, done = (seen / str(worker)).read_text().partition(" ")
        if done and 20 <= int(done) <= PER_SHARD - 150:
            return shard
        time.sleep(0.005)
    raise AssertionError(f"worker {worker} was never inside a shard")


def _shards_done(out: Path) -> int:
    """Shards through the per-shard pass (the corpus stages and the final write come after it)."""
    return len(list(out.glob("_work/states/*.done")))


def _gone_within(pgid: int, seconds: float) -> list[int]:
    deadline = time.time() + seconds
    while time.time() < deadline and _alive_in_group(pgid):
        time.sleep(0.05)
    return _alive_in_group(pgid)


def _contents(out: Path) -> dict[str, list[bytes]]:
    """Every output record, by folder and file (timings left out of the stats)."""
    files = {}
    for kind in ("kept", "rejected", "trace"):
        for f in sorted((out / kind).glob("*.jsonl.zst")):
            with open(f, "rb") as raw:
                files[f"{kind}/{f.name}"] = zstandard.ZstdDecompressor().stream_reader(raw).read().splitlines()
    stats = orjson.loads((out / "stats.json").read_bytes())
    for timing in ("seconds", "seconds_by_step", "seconds_by_phase"):
        stats.pop(timing)
    files["stats.json"] = [orjson.dumps(stats, option=orjson.OPT_SORT_KEYS)]
    return files


@pytest.fixture(scope="module")
def uninterrupted(job, tmp_path_factory):
    cmd, env, _ = job
    out = tmp_path_factory.mktemp("whole") / "out"
    done = subprocess.run(cmd(out), env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return _contents(out)


@pytest.mark.slow
def test_kill_9_of_the_main_process_leaves_no_worker_and_a_rerun_gives_the_whole_output(job, uninterrupted, tmp_path):
    cmd, env, seen = job
    out = tmp_path / "out"
    proc = _start(cmd(out), env, seen)
    workers = _wait_mid_run(proc, out, seen)
    assert len(workers) == 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _gone_within(proc.pid, 5) == [], "a worker outlived its parent"
    assert _shards_done(out) < SHARDS, "the kill should land mid-run"
    again = subprocess.run(cmd(out), env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "resuming" in again.stderr
    assert _contents(out) == uninterrupted


@pytest.mark.slow
def test_sigterm_stops_the_workers_says_one_line_and_exits_143(job, uninterrupted, tmp_path):
    cmd, env, seen = job
    out = tmp_path / "out"
    proc = _start(cmd(out), env, seen)
    _wait_mid_run(proc, out, seen)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    err = err.decode()
    assert proc.returncode == 143
    assert "thresher: terminated; completed shards are kept, re-run the same command to resume" in err
    assert "Traceback" not in err
    assert _alive_in_group(proc.pid) == [], "workers are stopped before the main process exits"
    again = subprocess.run(cmd(out), env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert _contents(out) == uninterrupted


@pytest.mark.slow
def test_a_worker_killed_mid_run_ends_in_one_sentence_naming_its_shard_and_a_rerun_resumes(job, uninterrupted, tmp_path):
    cmd, env, seen = job
    out = tmp_path / "out"
    proc = _start(cmd(out), env, seen)
    victim = _wait_mid_run(proc, out, seen)[0]
    shard = _mid_shard(seen, victim)
    os.kill(victim, signal.SIGKILL)  # the OOM killer's way
    _, err = proc.communicate(timeout=60)
    err = err.decode()
    assert proc.returncode == 3
    assert "Traceback" not in err and "BrokenProcessPool" not in err
    died = [line for line in err.splitlines() if "worker died" in line]
    assert died == [f"thresher: a worker died on shard {shard} (signal 9, SIGKILL; out of memory?); "
                    "completed shards are kept; re-run the same command to resume"]
    assert not (out / "_work" / "states" / f"{shard}.done").exists()
    assert _alive_in_group(proc.pid) == []
    again = subprocess.run(cmd(out), env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert _contents(out) == uninterrupted


def test_a_worker_that_dies_is_named_by_the_item_it_was_on():
    from thresher.run.executors import LocalPool, WorkerDied

    with pytest.raises(WorkerDied, match=re.escape("a worker died on shard b (signal 9, SIGKILL; out of memory?)")):
        LocalPool(2).map(_die_on_b, None, ["a", "b", "c", "d"])


def _die_on_b(shared, item):
    if item == "b":
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.5)
    return item
