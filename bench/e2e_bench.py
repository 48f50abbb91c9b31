"""End to end (issue 12): the whole `thresher clean` command against datatrove's whole process.

    python bench/e2e_bench.py [--pages 4000] [--repeats 3] [--workers 1] [--no-peer]

On the same synthetic crawled pages (bench/synth_pages.py, written to bench/data/e2e_<N>/ first
if missing, JSONL gzipped), in the same run, as a user runs them, one worker each:

* thresher: ``python -m thresher clean PAGES -o OUT --workers 1`` (default pipeline, corpus
  stages included), once to warm the caches (numba's, the page cache), then ``--repeats`` times;
* datatrove 0.10.1: Gopher repetition + Gopher quality + C4 + FineWeb between its JSONL reader
  and writer, one task (bench/peers/datatrove_e2e.py in bench/.venv), once.

Prints the whole processes' wall time and CPU time (user + system of the process and its
children, from ``getrusage``), input MB per second of each, the ratios, the start-up time
(``thresher clean ONE_PAGE.txt`` and ``thresher --help``, medians of 5), thresher's time by
phase (stats.json ``seconds_by_phase``: read, steps, state write, each corpus stage, state read,
finalise, final write: CPU seconds of the workers; what is left of the wall time is
start-up and planning) beside
datatrove's (its stats.json, time per pipeline step), and the bytes the corpus stages hand off.
The machine is shared: quote medians and ratios; CPU seconds are steadier than wall seconds.
``--workers 1,2`` also runs thresher on two workers and prints the speed-up.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

VENV_PY = REPO / "bench" / ".venv" / "bin" / "python"
PEER = REPO / "bench" / "peers" / "datatrove_e2e.py"
PEER_INSTALL = "python3 -m venv bench/.venv && bench/.venv/bin/pip install 'datatrove==0.10.1' spacy regex orjson"
ENV = {**os.environ, "PYTHONPATH": str(REPO / "src")}
# Sub-phases of a shard (worker seconds summed over shards) and the job's phases (wall seconds).
SHARD_PHASES = ("read", "steps", "state write")
FINAL_PHASES = ("state read", "finalise", "final write")


def pages_file(n: int) -> Path:
    """bench/data/e2e_<n>/pages.jsonl.gz, written by bench/synth_pages.py when missing."""
    out = REPO / "bench" / "data" / f"e2e_{n}"
    path = out / "pages.jsonl.gz"
    if not path.exists():
        import synth_pages

        if synth_pages.main(["--n", str(n), "--out", str(out)]) != 0:
            sys.exit("could not write the pages (bench/synth_pages.py needs ../shared/data/bbc-news)")
    return path


def one_page_file(pages: Path) -> Path:
    one = pages.with_name("one_page.txt")
    if not one.exists():
        with gzip.open(pages, "rt", encoding="utf-8") as fh:
            one.write_text(json.loads(fh.readline())["text"], encoding="utf-8")
    return one


def timed(cmd: list[str], log: Path | None = None, ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, children included) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(log or os.devnull, "wb") as out:
        rc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, env=ENV).returncode
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if rc not in ok:
        sys.exit(f"{' '.join(cmd)} exited {rc}" + (f"; see {log}" if log else ""))
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


def run_thresher(pages: Path, out: Path, workers: int) -> dict:
    cmd = [sys.executable, "-m", "thresher", "clean", str(pages), "-o", str(out), "--workers", str(workers), "--overwrite"]
    wall, cpu = timed(cmd, out.with_suffix(".log"))
    stats = json.loads((out / "stats.json").read_text())
    return {"wall": wall, "cpu": cpu, "stats": stats, "work_bytes": du(out / "_work"), "states_bytes": du(out / "_work" / "states"),
            "kept_bytes": du(out / "kept")}


def run_datatrove(pages: Path, out: Path) -> dict:
    if not VENV_PY.exists():
        sys.exit(f"datatrove's venv not found at {VENV_PY}; create it: {PEER_INSTALL} (or pass --no-peer)")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    wall, cpu = timed([str(VENV_PY), str(PEER), str(pages), str(out)], out / "run.log")
    steps = {}
    for step in json.loads((out / "logs" / "stats.json").read_text()):
        name = " ".join("".join(c for c in step["name"].split(" - ", 1)[-1] if c.isascii()).split())  # "READER: Jsonl"
        steps[name] = steps.get(name, 0.0) + step["time_stats"]["total"]
    return {"wall": wall, "cpu": cpu, "steps": steps}


def startup(one: Path, n: int = 5) -> dict[str, tuple[float, float]]:
    cmds = {
        "thresher clean ONE_PAGE.txt": [sys.executable, "-m", "thresher", "clean", str(one)],
        "thresher --help": [sys.executable, "-m", "thresher", "--help"],
    }
    out = {}
    for label, cmd in cmds.items():
        timed(cmd, ok=(0, 4))  # warm-up (a one-page run that keeps nothing exits 4)
        runs = [timed(cmd, ok=(0, 4)) for _ in range(n)]
        out[label] = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
    return out


def median_phases(runs: list[dict]) -> dict[str, float]:
    names = list(runs[0]["stats"]["seconds_by_phase"])
    return {k: statistics.median(r["stats"]["seconds_by_phase"].get(k, 0.0) for r in runs) for k in names}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=4000)
    ap.add_argument("--repeats", type=int, default=3, help="thresher runs after the warm-up (median)")
    ap.add_argument("--workers", default="1", help="comma-separated worker counts for thresher (the first is compared with datatrove)")
    ap.add_argument("--no-peer", action="store_true", help="leave datatrove out")
    ap.add_argument("--no-startup", action="store_true")
    args = ap.parse_args(argv)
    workers = [int(w) for w in args.workers.split(",")]

    pages = pages_file(args.pages)
    one = one_page_file(pages)
    work = REPO / "bench" / "out" / "e2e"
    work.mkdir(parents=True, exist_ok=True)
    load0 = os.getloadavg()[0]

    su = {} if args.no_startup else startup(one)
    th: dict[int, list[dict]] = {}
    for w in workers:
        out = work / f"thresher_w{w}"
        run_thresher(pages, out, w)  # warm-up: numba's cache, the page cache
        th[w] = [run_thresher(pages, out, w) for _ in range(max(1, args.repeats))]
    dt = None if args.no_peer else run_datatrove(pages, work / "datatrove")
    load1 = os.getloadavg()[0]

    first = th[workers[0]]
    stats = first[0]["stats"]
    mb = stats["bytes_in"] / 1e6
    print(f"{stats['docs_in']:,} pages, {mb:.1f} MB of text ({pages.relative_to(REPO)}); thresher runs: {args.repeats} after a warm-up, "
          f"datatrove: 1; load average {load0:.1f} at the start, {load1:.1f} at the end (2 cores)")
    print()
    print("| tool | workers | wall s | CPU s | MB/s (wall) | MB per CPU s | datatrove / thresher, wall | datatrove / thresher, CPU |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for w in workers:
        wall = statistics.median(r["wall"] for r in th[w])
        cpu = statistics.median(r["cpu"] for r in th[w])
        ratio = f"{dt['wall'] / wall:.1f}x | {dt['cpu'] / cpu:.1f}x" if dt else " | "
        print(f"| thresher clean | {w} | {wall:.1f} | {cpu:.1f} | {mb / wall:.2f} | {mb / cpu:.2f} | {ratio} |")
    if dt:
        print(f"| datatrove 0.10.1 | 1 | {dt['wall']:.1f} | {dt['cpu']:.1f} | {mb / dt['wall']:.2f} | {mb / dt['cpu']:.2f} | | |")
    if len(workers) > 1:
        base = statistics.median(r["wall"] for r in th[workers[0]])
        for w in workers[1:]:
            print(f"\n{w} workers against {workers[0]}: {base / statistics.median(r['wall'] for r in th[w]):.2f}x (wall)")

    if su:
        print()
        print("| start-up | wall s | CPU s |")
        print("|---|---:|---:|")
        for label, (wall, cpu) in su.items():
            print(f"| `{label}` | {wall:.2f} | {cpu:.2f} |")

    phases = median_phases(first)
    wall = statistics.median(r["wall"] for r in first)
    cpu = statistics.median(r["cpu"] for r in first)
    top = {k: v for k, v in phases.items() if k == "shards" or k == "write" or k.startswith("stage:")}
    print()
    print(f"thresher, {workers[0]} worker(s), time by phase (medians of the runs): the job's phases in wall seconds "
          "(stats.json), the shards' sub-phases in CPU seconds of the workers")
    print()
    print("| phase | wall s | share of wall | CPU s | share of CPU |")
    print("|---|---:|---:|---:|---:|")

    def row(label: str, w: float | None = None, c: float | None = None) -> None:
        ws = f"{w:.2f} | {w / wall:.0%}" if w is not None else " | "
        cs = f"{c:.2f} | {c / cpu:.0%}" if c is not None else " | "
        print(f"| {label} | {ws} | {cs} |")

    for k in SHARD_PHASES:
        row(f"shards: {k}", c=phases.get(k, 0.0))
    row("**shards**", w=phases.get("shards", 0.0))
    for k, v in top.items():
        if k.startswith("stage:"):
            row(f"corpus stage {k[6:]}", w=v)
    for k in FINAL_PHASES:
        row(f"write: {k}", c=phases.get(k, 0.0))
    row("**write**", w=phases.get("write", 0.0))
    rest = wall - sum(top.values()) - phases.get("stats", 0.0)
    row("start-up, planning, the rest", w=rest)
    row("**whole command**", w=wall, c=cpu)
    staged = sum(v for k, v in top.items() if k.startswith("stage:")) + phases.get("write", 0.0)
    print(f"\ncorpus stages + finalise and write: {staged:.2f} s, {staged / wall:.0%} of the whole command")
    steps = sorted(stats["seconds_by_step"].items(), key=lambda kv: -kv[1])[:6]
    print("slowest steps (s, first run): " + ", ".join(f"{k} {v:.2f}" for k, v in steps))
    r = first[0]
    n = stats["docs_in"]
    print(f"hand-off: _work/ {r['work_bytes'] / 1e6:.1f} MB ({r['states_bytes'] / 1e6:.1f} MB of it document states, "
          f"{r['states_bytes'] / n:,.0f} B per document), kept/ {r['kept_bytes'] / 1e6:.1f} MB")
    if dt:
        print()
        print("datatrove, time by pipeline step (its stats.json):")
        print()
        print("| step | s |")
        print("|---|---:|")
        for k, v in dt["steps"].items():
            print(f"| {k} | {v:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
