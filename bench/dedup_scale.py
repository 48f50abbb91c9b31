"""Deduplication at scale: N synthetic pages (default 1,000,000, about 4 GB) end to end, with time
and peak resident memory per stage.

    python bench/dedup_scale.py [--pages 1000000] [--workers 2] [--work bench/data/dedup_scale]

Pages are random Zipf-distributed words in paragraphs with a site's chrome around them (so nothing
is a duplicate by accident); 8% are near-duplicate copies of an earlier page (edited, a paragraph
dropped), 4% exact copies and 3% copies cut short with "Read more at". The run is `thresher clean`'s
job with only the corpus stages (exact_dedup, near_dedup; no per-document steps), 2 workers.
Memory is the summed RSS of the process and its workers, sampled every 0.2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import threading
import time
from pathlib import Path

import numpy as np
import orjson
import zstandard

REPO = Path(__file__).resolve().parents[1]
PAGES_PER_FILE = 25_000


def _vocab(n: int = 40_000) -> list[str]:
    rng = random.Random(3)
    syl = ["ka", "lo", "mi", "te", "ra", "su", "no", "vi", "de", "pa", "zu", "ne", "ko", "ba", "li", "go", "fe", "ti", "mo", "sa",
           "ar", "el", "in", "or", "un", "ex", "st", "th", "qu", "br"]
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(syl) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def _write_file(args: tuple[Path, int, int, int]) -> tuple[int, int]:
    path, file_no, n, seed = args
    vocab = _vocab()
    rng = np.random.default_rng(seed + file_no)
    prng = random.Random(seed * 1000 + file_no)
    cdf = np.cumsum(1.0 / np.arange(1, len(vocab) + 1) ** 1.05)
    cdf /= cdf[-1]
    sites = [[f"Site {s} News", " | ".join(prng.sample(["Home", "World", "Business", "Tech", "Sport", "Culture", "Opinion"], 5)),
              f"© 2024 Site {s}. All rights reserved.", "Share this article | Subscribe | Contact"] for s in range(200)]
    recent: list[list[str]] = []
    size = 0
    cctx = zstandard.ZstdCompressor(level=3)
    with open(path, "wb") as raw, cctx.stream_writer(raw) as out:
        for i in range(n):
            site = sites[int(rng.integers(len(sites)))]
            roll = rng.random()
            if recent and roll < 0.15:
                src = recent[int(rng.integers(len(recent)))]
                paras = list(src[1])
                if roll < 0.04:
                    site = src[0]  # exact copy, same site
                elif roll < 0.07:
                    paras = paras[: max(1, len(paras) // 3)] + [f"Read more at site{int(rng.integers(200))}.com"]
                else:
                    if len(paras) > 3:
                        del paras[int(rng.integers(1, len(paras)))]
                    k = int(rng.integers(len(paras)))
                    words = paras[k].split(" ")
                    for j in rng.choice(len(words), size=max(1, len(words) // 10), replace=False):
                        words[j] = vocab[int(rng.integers(len(vocab)))]
                    paras[k] = " ".join(words)
            else:
                n_par = int(rng.integers(6, 12))
                idx = np.searchsorted(cdf, rng.random((n_par, 70)))  # Zipf-like word choice
                paras = [" ".join([vocab[j] for j in row]).capitalize() + "." for row in idx.tolist()]
                recent.append((site, paras))
                if len(recent) > 2000:
                    recent.pop(int(rng.integers(len(recent))))
            body = "\n".join(paras)
            text = f"{site[0]}\n{site[1]}\n{body}\n{site[2]}\n{site[3]}\n"
            line = orjson.dumps({"id": f"f{file_no:04d}-{i:06d}", "text": text}) + b"\n"
            size += len(text.encode())
            out.write(line)
    return n, size


def generate(folder: Path, pages: int, seed: int, workers: int) -> int:
    from concurrent.futures import ProcessPoolExecutor

    folder.mkdir(parents=True, exist_ok=True)
    jobs = []
    for f in range((pages + PAGES_PER_FILE - 1) // PAGES_PER_FILE):
        n = min(PAGES_PER_FILE, pages - f * PAGES_PER_FILE)
        jobs.append((folder / f"part-{f:04d}.jsonl.zst", f, n, seed))
    marker = folder / "done.json"
    if marker.exists() and json.loads(marker.read_text()).get("pages") == pages:
        return json.loads(marker.read_text())["bytes"]
    with ProcessPoolExecutor(workers) as pool:
        total = sum(size for _, size in pool.map(_write_file, jobs))
    marker.write_text(json.dumps({"pages": pages, "bytes": total}))
    return total


class RssSampler(threading.Thread):
    """Peak summed RSS of this process and its children, per label."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.label = "start"
        self.peaks: dict[str, int] = {}
        self.stop = False

    def _tree_rss(self) -> int:
        pid = os.getpid()
        total = 0
        pids = [pid]
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            pids += [int(c) for c in children]
            for c in children:
                gc = Path(f"/proc/{c}/task/{c}/children")
                if gc.exists():
                    pids += [int(x) for x in gc.read_text().split()]
        except OSError:
            pass
        for p in pids:
            try:
                for line in Path(f"/proc/{p}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            except OSError:
                pass
        return total

    def run(self) -> None:
        while not self.stop:
            rss = self._tree_rss()
            self.peaks[self.label] = max(self.peaks.get(self.label, 0), rss)
            time.sleep(0.2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=REPO / "bench" / "data" / "dedup_scale")
    ap.add_argument("--keep", action="store_true", help="keep the output folder")
    args = ap.parse_args()

    from thresher.run.executors import LocalPool
    from thresher.run.job import make_job, prepare_out, run_job

    inputs = args.work / f"pages-{args.pages}"
    t0 = time.perf_counter()
    nbytes = generate(inputs, args.pages, args.seed, args.workers)
    print(f"input: {args.pages:,} pages, {nbytes / 1e9:.2f} GB of text ({time.perf_counter() - t0:.0f} s to make or find)", flush=True)

    out = args.work / "out"
    if out.exists():
        shutil.rmtree(out)
    config = {"step": [], "corpus": [{"name": "exact_dedup"}, {"name": "near_dedup"}]}
    executor = LocalPool(args.workers)
    job = make_job([str(inputs)], str(out), config, executor, [], [], threads=args.workers)
    prepare_out(job, overwrite=False)

    sampler = RssSampler()
    sampler.start()
    times: dict[str, float] = {}
    state = {"label": None, "t": time.perf_counter()}

    def progress(label: str, done: int, total: int, **_counts) -> None:
        now = time.perf_counter()
        if label != state["label"]:
            if state["label"] is not None:
                times[state["label"]] = times.get(state["label"], 0.0) + now - state["t"]
            state["label"], state["t"] = label, now
            sampler.label = label
            print(f"  {label} ...", flush=True)

    t_all = time.perf_counter()
    stats = run_job(job, executor, progress)
    now = time.perf_counter()
    times[state["label"]] = times.get(state["label"], 0.0) + now - state["t"]
    wall = now - t_all
    sampler.stop = True
    sampler.join()

    near = json.loads((out / "_work" / "near_dedup" / "summary.json").read_text())
    names = {"clean": "read + write document states", "exact_dedup": "exact_dedup prepare", "near_dedup": "near_dedup prepare",
             "write": "apply + write kept/rejected"}
    print()
    print(f"{args.pages:,} pages, {nbytes / 1e9:.2f} GB, {args.workers} workers: {wall / 60:.1f} min end to end, "
          f"peak RSS {max(sampler.peaks.values()) / 1e9:.2f} GB")
    print(f"dropped: {dict(stats.dropped_by_reason)}; near clusters {near['clusters']}, candidates {near['candidates']}, edges {near['edges']}")
    print(f"near_dedup steps (s): {near.get('seconds')}")
    print()
    print("| stage | seconds | peak RSS (GB, process + workers) |")
    print("|---|---|---|")
    for label, secs in times.items():
        print(f"| {names.get(label, label)} | {secs:.0f} | {sampler.peaks.get(label, 0) / 1e9:.2f} |")
    work = out / "_work"
    sizes = {d.name: sum(f.stat().st_size for f in d.rglob("*") if f.is_file()) for d in work.iterdir() if d.is_dir()}
    print()
    print("hand-off files: " + ", ".join(f"{k} {v / 1e9:.2f} GB" for k, v in sorted(sizes.items())))
    if not args.keep:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
