"""Faults a real `thresher clean` process meets: its own kill -9, SIGTERM, a worker killed (the OOM
killer's way). Each leaves no process behind, says one sentence, and a re-run gives the output of
an uninterrupted run."""

import os
import random
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
        try:
            kids += [int(k) for k in (task / "children").read_text().split()]
        except OSError:  # a thread that ended meanwhile
            continue
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
    for timing in ("seconds", "seconds_by_step", "seconds_by_phase", "peak_mb_by_task"):
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


# -- the fault matrix: every phase, every fault -------------------------------------------------
# Every phase's tasks are paced and announced: a step for the shard pass, and a wrapper around each
# task the corpus stages and the final write hand to the executor (module-level functions, so they
# reach pool workers as the real ones do). `seen/<pid>` holds the phase that process is in; a task
# sleeps after saying so, so a fault the test sends then lands inside that phase's work.
FAULT_POINTS = '''
import os
import time
from dataclasses import dataclass
from typing import ClassVar

import thresher.run.job as job_module
from thresher.steps.base import Step

SEEN = os.environ["FAULT_SEEN"]
PAUSE = float(os.environ.get("FAULT_PAUSE", "0.2"))
PHASE_OF = {"thresher.steps.unique_ids": "unique_ids", "thresher.steps.dedup.exact": "exact_dedup",
            "thresher.steps.dedup.near": "near_dedup", "thresher.steps.dedup.lines": "repeated_lines"}


def _say(phase):
    with open(os.path.join(SEEN, str(os.getpid())), "w") as f:
        f.write(phase)


def _pause(phase, seconds=None):
    """PAUSE seconds; in the phase FAULT_GO is set for, until the test has made that file (its
    fault is in place)."""
    go = os.environ.get("FAULT_GO") if os.environ.get("FAULT_PHASE") == phase else None
    deadline = time.time() + (60 if go else PAUSE if seconds is None else seconds)
    while time.time() < deadline and not (go and os.path.exists(go)):
        time.sleep(0.01)


@dataclass
class Paced(Step):
    name: ClassVar[str] = "paced"
    seconds: float = 0.004

    def process(self, doc, ctx):
        _say("clean")
        _pause("clean", self.seconds)


def paced_task(ctx, packed):
    *item, fn, was_tuple = packed
    item = tuple(item) if was_tuple else item[0]
    phase = PHASE_OF.get(fn.__module__, fn.__module__)
    _say(phase)
    _pause(phase)
    return fn(ctx, item)


_real_map = job_module.JobStageContext.map


def _paced_map(self, fn, items, on_done=None):
    # the real item first, so that a worker's death is still told by the item it was on
    return _real_map(self, paced_task, [(*item, fn, True) if isinstance(item, tuple) else (item, fn, False) for item in items], on_done)


_real_finalize = job_module.finalize_shard


def paced_finalize(ctx, shard):
    _say("write")
    _pause("write")
    return _real_finalize(ctx, shard)


job_module.JobStageContext.map = _paced_map
job_module.finalize_shard = paced_finalize
'''

MATRIX_CONFIG = '''replace = true

[[step]]
name = "guard"

[[step]]
name = "fault_points:Paced"

[[corpus]]
name = "unique_ids"

[[corpus]]
name = "exact_dedup"

[[corpus]]
name = "near_dedup"

[[corpus]]
name = "repeated_lines"
min_docs = 3
'''

PHASES = ["clean", "unique_ids", "exact_dedup", "near_dedup", "repeated_lines", "write"]
FAULTS = ["kill -9 main", "SIGTERM main", "kill -9 a worker", "disk full"]
M_SHARDS, M_PER_SHARD = 4, 60
WORDS = ("river bridge stone weir night town mill harbour ferry market bell tower road field winter summer lamp "
         "school letter garden orchard baker smith wagon canal lock barge meadow chapel hill valley").split()


@pytest.fixture(scope="module")
def matrix_job(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("matrix")
    (tmp / "site").mkdir()
    (tmp / "site" / "fault_points.py").write_text(FAULT_POINTS)
    (tmp / "job.toml").write_text(MATRIX_CONFIG)
    inputs = tmp / "in"
    inputs.mkdir()
    words = random.Random(7)
    for f in range(M_SHARDS):
        rows = [{"id": f"{i}", "text": " ".join(words.sample(WORDS, 14)) + ".\nShared footer line of the site."}
                for i in range(M_PER_SHARD)]  # ids repeat across files: unique_ids has work
        rows[0]["text"] = "The same page in every file, word for word."  # so has exact_dedup
        rows[1]["text"] = f"Near copy {f}: " + "the river ran high over the old stone weir all night long " * 3
        (inputs / f"part-{f}.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    seen = tmp / "seen"
    seen.mkdir()
    env = dict(os.environ, FAULT_SEEN=str(seen),
               PYTHONPATH=os.pathsep.join(p for p in (str(tmp / "site"), str(SRC), os.environ.get("PYTHONPATH")) if p))

    def cmd(out: Path) -> list[str]:
        return [sys.executable, "-m", "thresher", "clean", str(inputs), "-o", str(out), "--config", str(tmp / "job.toml"),
                "--workers", "2"]

    out = tmp / "whole"
    done = subprocess.run(cmd(out), env=dict(env, FAULT_PAUSE="0"), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    whole = _contents(out)
    stats = orjson.loads((out / "stats.json").read_bytes())
    # every phase has work to do on this job, or hitting it would test nothing
    assert stats["duplicate_ids"] > 0
    assert {"exact_duplicate", "near_duplicate"} <= set(stats["dropped_by_reason"])
    assert "corpus_repeated_line" in stats["edits_by_rule"]
    return cmd, env, seen, whole


def _wait_for_phase(proc: subprocess.Popen, seen: Path, phase: str, in_worker: bool) -> int:
    """The pid of a process (a worker, when ``in_worker``) that has started a task of ``phase``."""
    deadline = time.time() + 120
    while time.time() < deadline:
        assert proc.poll() is None, f"the run ended before {phase}: {proc.stderr.read().decode()[-2000:]}"
        workers = set(_children(proc.pid)) if in_worker else {proc.pid, *_children(proc.pid)}
        for f in seen.iterdir():
            try:
                if int(f.name) in workers and f.read_text() == phase:
                    return int(f.name)
            except (OSError, ValueError):
                continue
        time.sleep(0.01)
    raise AssertionError(f"the run never reached {phase}")


def _fill(disk: Path) -> Path:
    """Fill ``disk`` to the last byte; the filler, to remove afterwards."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for chunk in (1 << 20, 1 << 12):  # unbuffered: what is written is on the disk
            while True:
                try:
                    if os.write(fd, b"\0" * chunk) < chunk:
                        break
                except OSError:
                    break
    finally:
        os.close(fd)
    return filler


@pytest.mark.slow
@pytest.mark.parametrize("fault", FAULTS)
def test_a_fault_in_every_phase_leaves_no_process_and_a_rerun_gives_the_whole_output(matrix_job, fault, tmpfs):
    """One chain of runs per fault: the first is hit in the shard pass, its re-run (resuming) in
    the first corpus stage, and so on to the final write; the last re-run must end with the
    uninterrupted run's output, byte for byte. No run may leave a process behind."""
    cmd, env, seen, whole = matrix_job
    disk = tmpfs("disk", size="16m")
    out = disk / "out"
    expected = {"kill -9 main": -9, "SIGTERM main": 143, "kill -9 a worker": 3, "disk full": 5}[fault]
    go = disk.parent / "go"  # disk full: tasks wait until the disk is full
    for phase in PHASES:
        go.unlink(missing_ok=True)
        proc = _start(cmd(out), dict(env, FAULT_GO=str(go), FAULT_PHASE=phase) if fault == "disk full" else env, seen)
        pid = _wait_for_phase(proc, seen, phase, in_worker=fault == "kill -9 a worker")
        filler = None
        if fault == "kill -9 main":
            os.kill(proc.pid, signal.SIGKILL)
        elif fault == "SIGTERM main":
            proc.send_signal(signal.SIGTERM)
        elif fault == "kill -9 a worker":
            os.kill(pid, signal.SIGKILL)
        else:
            filler = _fill(disk)
            go.touch()
        _, err = proc.communicate(timeout=120)
        err = err.decode()
        assert proc.returncode == expected, f"{fault} in {phase}: {err[-3000:]}"
        assert "Traceback" not in err, f"{fault} in {phase}: {err[-3000:]}"
        assert _gone_within(proc.pid, 5) == [], f"{fault} in {phase}: a process outlived the run"
        if filler is not None:
            filler.unlink()
        assert not (out / "stats.json").exists(), f"{fault} in {phase}: the run finished before the fault"
        # Workers killed or stopped mid-write may leave hidden temporary files (never read); every
        # file a reader sees is whole. The re-run clears them (checked after the last one).
        assert [p for p in out.rglob("*") if p.is_file() and ".tmp-" in p.name and not p.name.startswith(".")] == []
    again = subprocess.run(cmd(out), env=dict(env, FAULT_PAUSE="0"), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, f"{fault}: {again.stderr[-3000:]}"
    assert _contents(out) == whole, f"{fault}: the resumed output differs from an uninterrupted run's"
    assert list(out.rglob(".*.tmp-*")) == [], "a killed process's temporary files outlived the re-run"
