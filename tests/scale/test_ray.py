"""thresher clean on a real Ray cluster of two nodes on this machine (loopback only): the same
output as the local executor, and nothing lost or doubled when a worker, a node or the driver dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.scale.conftest import comparable_stats, free_port, local_outputs, read_stats

pytestmark = [pytest.mark.ray, pytest.mark.xdist_group("ray")]

# A step that takes its time and says which worker processes run it: the tests kill one of them.
SLOW_STEP = '''
import os
import time
from dataclasses import dataclass
from typing import ClassVar

from thresher.steps.base import Filter


@dataclass
class SlowAndSeen(Filter):
    name: ClassVar[str] = "slow_and_seen"
    seconds: float = 0.02
    seen: str = ""  # a folder where each worker process leaves its pid

    def score(self, doc):
        if self.seen:
            open(os.path.join(self.seen, str(os.getpid())), "a").close()
        time.sleep(self.seconds)
        return {}

    def keep(self, signals):
        return None
'''

SLOW_CONFIG = '''
replace = true

[[step]]
name = "guard"

[[step]]
name = "ray_test_steps:SlowAndSeen"
seconds = 0.03
seen = "{seen}"

[[step]]
name = "gopher_quality"

[[corpus]]
name = "exact_dedup"
'''


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A head node and a second node, one CPU each, on 127.0.0.1; stopped after the module."""
    from ray.cluster_utils import Cluster

    site = tmp_path_factory.mktemp("site")
    (site / "ray_test_steps.py").write_text(SLOW_STEP)
    # Workers are started by the nodes, with the environment the nodes were started with.
    old_path = os.environ.get("PYTHONPATH")
    src = str(Path(__file__).resolve().parents[2] / "src")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(site), src, old_path) if p)
    sys.path.insert(0, str(site))
    c = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "node_ip_address": "127.0.0.1", "include_dashboard": False})
    second = c.add_node(num_cpus=1, node_ip_address="127.0.0.1")
    c.wait_for_nodes()
    c.second = second
    try:
        yield c
    finally:
        c.shutdown()
        sys.path.remove(str(site))
        if old_path is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old_path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from thresher.synth.demo import write_demo_corpus

    folder = tmp_path_factory.mktemp("corpus")
    write_demo_corpus(folder, n_pages=240, seed=3, shards=3)
    return folder


def clean_command(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "thresher", "clean", str(corpus), "-o", str(out), "--shard-records", "20", "--shard-mb", "0.01", *extra]


def run_cli(args: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=300, **kw)


def assert_same_job_output(a: Path, b: Path) -> None:
    assert local_outputs(a) == local_outputs(b)
    assert comparable_stats(read_stats(a)) == comparable_stats(read_stats(b))


def test_a_ray_run_writes_the_same_output_as_the_local_executor(tmp_path, cluster, corpus):
    local = run_cli(clean_command(corpus, tmp_path / "local", "--workers", "2"))
    assert local.returncode == 0, local.stderr
    ray_run = run_cli(clean_command(corpus, tmp_path / "ray", "--executor", "ray", "--ray-address", cluster.address))
    assert ray_run.returncode == 0, ray_run.stderr
    assert_same_job_output(tmp_path / "local", tmp_path / "ray")
    stats = read_stats(tmp_path / "ray")
    assert stats["docs_in"] == 240 and stats["docs_kept"] > 100
    # what each kind of task needed, measured in the Ray workers as in the local pool's
    for run in (stats, read_stats(tmp_path / "local")):
        assert {"job.run_shard", "job.finalize_shard"} <= set(run["peak_mb_by_task"])
        assert all(20 < mb < 4096 for mb in run["peak_mb_by_task"].values())
    assert len(list((tmp_path / "ray" / "done").iterdir())) == 12  # 240 records in shards of 20
    # the summary a user reads is there, as with the local executor
    assert "thresher clean" in ray_run.stdout and "kept" in ray_run.stdout


def _slow_job(tmp_path: Path, corpus: Path, name: str, *extra: str) -> tuple[list[str], dict]:
    # One config for every run of a test (the reference too): the job is the same job.
    seen = tmp_path / "seen"
    seen.mkdir(exist_ok=True)
    cfg = tmp_path / "slow.toml"
    cfg.write_text(SLOW_CONFIG.replace("{seen}", str(seen)))
    return clean_command(corpus, tmp_path / name, "--config", str(cfg), *extra), seen


def _wait_for(cond, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _reference(tmp_path: Path, corpus: Path) -> Path:
    args, _ = _slow_job(tmp_path, corpus, "reference", "--workers", "2")
    proc = run_cli(args)
    assert proc.returncode == 0, proc.stderr
    return tmp_path / "reference"


def test_a_worker_killed_mid_run_is_retried_and_nothing_is_lost_or_doubled(tmp_path, cluster, corpus):
    args, seen = _slow_job(tmp_path, corpus, "killed", "--executor", "ray", "--ray-address", cluster.address)
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: any(seen.iterdir()))
        victim = int(next(seen.iterdir()).name)
        os.kill(victim, signal.SIGKILL)  # the OOM killer's way
        out, err = proc.communicate(timeout=300)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert_same_job_output(_reference(tmp_path, corpus), tmp_path / "killed")


def test_a_node_lost_mid_run_moves_its_work_to_the_other_node(tmp_path, cluster, corpus):
    args, seen = _slow_job(tmp_path, corpus, "node", "--executor", "ray", "--ray-address", cluster.address)
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: len(list(seen.iterdir())) >= 2)  # both nodes are working
        cluster.remove_node(cluster.second, allow_graceful=False)
        out, err = proc.communicate(timeout=300)
    finally:
        proc.kill()
        cluster.second = cluster.add_node(num_cpus=1, node_ip_address="127.0.0.1")
        cluster.wait_for_nodes()
    assert proc.returncode == 0, err
    assert_same_job_output(_reference(tmp_path, corpus), tmp_path / "node")


def test_a_killed_driver_resumes_on_ray_with_nothing_lost_or_doubled(tmp_path, cluster, corpus):
    args, seen = _slow_job(tmp_path, corpus, "driver", "--executor", "ray", "--ray-address", cluster.address)
    states = tmp_path / "driver" / "_work" / "states"
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: states.is_dir() and any(p.name.endswith(".done") for p in states.iterdir()))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        proc.kill()
    done_before = [p for p in states.iterdir() if p.name.endswith(".done")]
    assert 0 < len(done_before) < 12
    again = run_cli(args)
    assert again.returncode == 0, again.stderr
    assert "resuming" in again.stderr
    assert_same_job_output(_reference(tmp_path, corpus), tmp_path / "driver")


def test_a_ray_address_that_does_not_answer_is_one_line_and_exit_2(tmp_path, corpus):
    proc = run_cli(clean_command(corpus, tmp_path / "out", "--executor", "ray", "--ray-address", f"127.0.0.1:{free_port()}"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert [l for l in proc.stderr.splitlines() if l.strip()] == [l for l in proc.stderr.splitlines() if "no Ray cluster answers" in l]
    assert not (tmp_path / "out" / "kept").exists()
