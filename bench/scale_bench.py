"""The whole `thresher clean` command on one corpus under every executor, as a user runs it.

Rows: the local process pool with 1 and 2 workers, a Ray cluster with 1 and 2 CPUs (started with
`ray start` on loopback before the row, so the row times the job, not Ray's start-up, which is
reported apart), and Ray on 2 CPUs reading its input from and writing its output to an S3 API
server on loopback (moto). Same pages, same default pipeline with dedup, one run.

Printed per row: wall seconds, pages/s, MB/s, scaling against the 1-CPU row of its executor, Ray's
overhead per shard against the local row with as many CPUs, the corpus stages' and final write's
wall seconds (stats.json ``seconds_by_phase``), and peak resident memory of the driver and of the
largest worker (VmHWM from /proc, polled while the row runs, and each task's own peak, which the
workers measure and stats.json keeps as ``peak_mb_by_task``).

    python bench/scale_bench.py [--pages 100000] [--files 20] [--rows local1,local2,ray1,ray2,ray2s3]
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import orjson

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "src"))

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(REPO / "src"), os.environ.get("PYTHONPATH")) if p),
       "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0", "RAY_USAGE_STATS_ENABLED": "0",
       "RAY_AUTH_MODE": "disabled",  # loopback only; the cluster and the driver agree on no token
       # Ray starts its task workers at nice 15: on a machine others use too they would yield to
       # everything else while the local pool's workers run at 0. Same priority for both rows.
       "RAY_worker_niceness": "0"}


PROGRESS = re.compile(r"thresher: (\w+): \d+/\d+")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- the corpus -----------------------------------------------------------------------------------
def make_corpus(folder: Path, pages: int, files: int, seed: int) -> Path:
    """Crawled-looking BBC pages (bench/synth_pages.py), as ``files`` .jsonl.gz files; cached."""
    from synth_pages import ARTICLES, load_articles, render_pages

    from thresher.synth import SYNTH_VERSION

    done = folder / f".done-v{SYNTH_VERSION}"
    if done.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    articles, _ = load_articles(ARTICLES)
    per_file = -(-pages // files)
    out = None
    for i, page in enumerate(render_pages(articles, pages, seed)):
        if i % per_file == 0:
            if out:
                out.close()
            out = gzip.open(folder / f"crawl-{i // per_file:04d}.jsonl.gz", "wb", compresslevel=3)
        out.write(orjson.dumps({"id": page.id, "text": page.raw}) + b"\n")
    if out:
        out.close()
    done.touch()
    return folder


# -- memory ---------------------------------------------------------------------------------------
def _status(pid: int) -> tuple[int, int, int, int] | None:
    """(pid, ppid, VmHWM kB, VmRSS kB) of a live process."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    ppid = hwm = rss = 0
    for line in text.splitlines():
        if line.startswith("PPid:"):
            ppid = int(line.split()[1])
        elif line.startswith("VmHWM:"):
            hwm = int(line.split()[1])
        elif line.startswith("VmRSS:"):
            rss = int(line.split()[1])
    return pid, ppid, hwm, rss


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


class PeakMemory:
    """Polls /proc: the driver's peak RSS, and the largest of its workers' (its children, or Ray's
    task workers, whose command line starts with ``ray::``); and, by the job's phase (``phase``,
    set from its progress lines), the largest resident size seen in that phase, so that a peak can
    be told to come from the shard pass or a corpus stage (a pool worker runs both)."""

    def __init__(self, driver: int) -> None:
        self.driver = driver
        self.driver_kb = 0
        self.worker_kb = 0
        self.phase = "start"
        self.by_phase: dict[str, list[int]] = {}  # phase -> [driver kB, largest worker kB]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll()
            time.sleep(0.2)

    def poll(self) -> None:
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            st = _status(int(name))
            if st is None:
                continue
            pid, ppid, hwm, rss = st
            seen = self.by_phase.setdefault(self.phase, [0, 0])
            if pid == self.driver:
                self.driver_kb = max(self.driver_kb, hwm)
                seen[0] = max(seen[0], rss)
            elif ppid == self.driver or _cmdline(pid).startswith("ray::"):
                self.worker_kb = max(self.worker_kb, hwm)
                seen[1] = max(seen[1], rss)

    def stop(self) -> None:
        self.poll()
        self._stop.set()
        self._thread.join()


# -- servers --------------------------------------------------------------------------------------
class RayCluster:
    """A head node of its own (``ray start --block`` in a new process group), stopped by killing that
    group: ``ray stop`` would stop every Ray process on the machine, other people's too."""

    def __init__(self, cpus: int) -> None:
        self.port = free_port()
        t = time.perf_counter()
        self.proc = subprocess.Popen(["ray", "start", "--head", "--block", "--num-cpus", str(cpus), "--node-ip-address", "127.0.0.1",
                                      "--port", str(self.port), "--include-dashboard", "false", "--disable-usage-stats"],
                                     env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.address = f"127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while subprocess.run([sys.executable, "-c", f"import ray; ray.init(address='{self.address}', logging_level='ERROR'); "
                              "assert ray.cluster_resources().get('CPU')"], env=ENV, capture_output=True).returncode != 0:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise SystemExit("the Ray head did not start")
            time.sleep(0.5)
        self.start_seconds = time.perf_counter() - t

    def stop(self) -> None:
        import signal

        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(timeout=20)
                break
            except subprocess.TimeoutExpired:
                continue
        time.sleep(1.0)
        try:  # whatever of this cluster outlived its head
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class S3Server:
    def __init__(self) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.options = {"endpoint_url": f"http://127.0.0.1:{self.port}", "key": "bench", "secret": "bench"}
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def fs(self):
        import s3fs

        return s3fs.S3FileSystem(skip_instance_cache=True, **self.options)

    def flags(self) -> list[str]:
        return [a for k, v in self.options.items() for a in ("--storage-option", f"{k}={v}")]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


# -- one row --------------------------------------------------------------------------------------
def run_row(name: str, corpus: Path, work: Path) -> dict:
    executor, remote = ("ray" if name.startswith("ray") else "local"), name.endswith("s3")
    cpus = int("".join(c for c in name.removesuffix("s3") if c.isdigit()))
    out = work / f"out-{name}"
    shutil.rmtree(out, ignore_errors=True)
    cluster = server = None
    inputs: list[str] = [str(corpus)]
    flags: list[str] = []
    out_url = str(out)
    try:
        if executor == "ray":
            cluster = RayCluster(cpus)
            flags += ["--executor", "ray", "--ray-address", cluster.address]
        if remote:
            server = S3Server()
            fs = server.fs()
            fs.mkdir("bench")
            for f in sorted(corpus.glob("*.jsonl.gz")):
                fs.put_file(str(f), f"bench/crawl/{f.name}")
            inputs, out_url = ["s3://bench/crawl/*.jsonl.gz"], "s3://bench/out"
            flags += server.flags()
        cmd = [sys.executable, "-m", "thresher", "clean", *inputs, "-o", out_url, "--workers", str(cpus), *flags]
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        mem = PeakMemory(proc.pid)
        lines: list[str] = []
        for line in proc.stderr:  # progress lines name the phase: "thresher: near_dedup: 0/1"
            lines.append(line)
            if m := PROGRESS.match(line.strip()):
                mem.phase = m.group(1)
        proc.wait()
        err = "".join(lines)
        wall = time.perf_counter() - t
        mem.stop()
        if proc.returncode != 0:
            raise SystemExit(f"{name}: exit {proc.returncode}\n{err[-2000:]}")
        stats = orjson.loads(server.fs().cat_file("bench/out/stats.json") if remote else (out / "stats.json").read_bytes())
        shards = len(server.fs().ls("bench/out/done") if remote else list((out / "done").iterdir()))
        near = (server.fs().cat_file("bench/out/_work/near_dedup/summary.json") if remote
                else (out / "_work/near_dedup/summary.json").read_bytes())
        # The workers measure each task's peak themselves (stats.json peak_mb_by_task); the poll
        # here is the cross-check, and the only measure of the driver.
        worker_mb = max([mem.worker_kb / 1024, *stats.get("peak_mb_by_task", {}).values()])
        return {"row": name, "executor": executor, "cpus": cpus, "wall": wall, "stats": stats, "shards": shards,
                "driver_mb": mem.driver_kb / 1024, "worker_mb": worker_mb, "near_dedup": orjson.loads(near),
                "by_phase": {k: (d / 1024, w / 1024) for k, (d, w) in mem.by_phase.items()},
                "ray_start": cluster.start_seconds if cluster else 0.0}
    finally:
        if cluster:
            cluster.stop()
        if server:
            server.stop()
        shutil.rmtree(out, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=100_000)
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rows", default="local1,local2,ray1,ray2,ray2s3")
    ap.add_argument("--repeat", type=int, default=1, help="runs per row (the median is printed)")
    ap.add_argument("--work", type=Path, default=REPO / "bench" / "data" / "scale")
    args = ap.parse_args()

    corpus = make_corpus(args.work / f"corpus-{args.pages}-{args.files}-{args.seed}", args.pages, args.files, args.seed)
    mb = sum(f.stat().st_size for f in corpus.glob("*.jsonl.gz")) / 1e6
    results: dict[str, dict] = {}
    for name in args.rows.split(","):
        runs = [run_row(name, corpus, args.work) for _ in range(args.repeat)]
        runs.sort(key=lambda r: r["wall"])
        results[name] = runs[len(runs) // 2]
        results[name]["walls"] = [r["wall"] for r in runs]
        print(f"  {name}: {statistics.median(results[name]['walls']):.1f} s", file=sys.stderr, flush=True)

    first = next(iter(results.values()))
    raw_mb = first["stats"]["bytes_in"] / 1e6
    print(f"\n{args.pages:,} pages ({raw_mb:,.0f} MB of text, {mb:,.0f} MB gzipped in {args.files} files), default pipeline with dedup; "
          f"{first['shards']} shards; wall seconds, median of {args.repeat}\n")
    print("| row | wall s | pages/s | MB/s | scaling vs 1 CPU | Ray overhead / shard | corpus stages s | final write s | peak RSS driver MB | peak RSS worker MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        phases = r["stats"].get("seconds_by_phase", {})
        stages = sum(v for k, v in phases.items() if k.startswith("stage:"))
        one = results.get(f"{r['executor']}1")
        scaling = f"{one['wall'] / r['wall']:.2f}x ({one['wall'] / r['wall'] / r['cpus']:.0%})" if one and r["cpus"] > 1 and not name.endswith("s3") else ""
        local = results.get(f"local{r['cpus']}")
        overhead = f"{(r['wall'] - local['wall']) / r['shards'] * 1000:+.0f} ms" if r["executor"] == "ray" and local and not name.endswith("s3") else ""
        print(f"| {name} | {r['wall']:.1f} | {r['stats']['docs_in'] / r['wall']:,.0f} | {raw_mb / r['wall']:.2f} | {scaling} | {overhead} | "
              f"{stages:.1f} | {phases.get('write', 0):.1f} | {r['driver_mb']:,.0f} | {r['worker_mb']:,.0f} |")
    starts = [r["ray_start"] for r in results.values() if r["ray_start"]]
    if starts:
        print(f"\nRay cluster start-up (not in the rows): {statistics.median(starts):.1f} s")
    for name, r in results.items():
        phases = r["stats"].get("seconds_by_phase", {})
        print(f"  {name}: " + ", ".join(f"{k} {v:.1f}" for k, v in phases.items()))
        print(f"  {name} largest resident MB by phase (driver / worker): "
              + ", ".join(f"{k} {d:,.0f} / {w:,.0f}" for k, (d, w) in r["by_phase"].items()))
        tasks = sorted(r["stats"].get("peak_mb_by_task", {}).items(), key=lambda kv: -kv[1])
        print(f"  {name} peak MB per task: " + ", ".join(f"{k} {v:,.0f}" for k, v in tasks))
        near = r["near_dedup"]
        print(f"  {name} near_dedup: " + ", ".join(f"{k} {v:.1f}" for k, v in near["seconds"].items())
              + f"; edges {near['edges']}, partitions {near['partitions']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
