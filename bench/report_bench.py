"""What `thresher report` costs, and what gathering its data costs a job (issue 13).

For each corpus size: clean the demo corpus with the default pipeline, then measure
* the job's CPU per document (stats.json ``seconds`` / ``docs_in``);
* the profiler's time per document (the job's own documents, read back from its corpus-stage
  states, through :class:`thresher.profile.Profiler`), and its share of the job's CPU;
* the report: time to render (median of --repeats), page size, and the size of what it reads
  (profile.json, samples/).

    python3 bench/report_bench.py --pages 300 3000 --repeats 3
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

import orjson
import zstandard

from thresher.cli import main
from thresher.commands.report import render
from thresher.document import Document
from thresher.profile import Profiler
from thresher.run.outputs import JobOutput
from thresher.synth.demo import write_demo_corpus


def states(out: Path) -> list[Document]:
    docs = []
    for f in sorted((out / "_work" / "states").glob("*.jsonl.zst")):
        with open(f, "rb") as raw, zstandard.ZstdDecompressor().stream_reader(raw) as z:
            docs += [Document.from_state(orjson.loads(line)) for line in io.BufferedReader(z)]
    return docs


def measure(pages: int, repeats: int, workers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "in", Path(tmp) / "out"
        inp.mkdir()
        write_demo_corpus(inp, n_pages=pages, seed=7)
        assert main(["clean", str(inp), "-o", str(out), "--workers", str(workers)]) == 0
        stats = orjson.loads((out / "stats.json").read_bytes())
        profile = orjson.loads((out / "profile.json").read_bytes())
        docs = states(out)
        prof_times = []
        for _ in range(repeats):
            p = Profiler("bench", profile["rules"], {"exact_dedup": ("exact_cluster_size", "exact_survivor")})
            t = time.process_time()
            for d in docs:
                p.add(d)
            p.finish()
            prof_times.append((time.process_time() - t) / len(docs))
        output = JobOutput(str(out))
        render_times = []
        for _ in range(repeats):
            t = time.perf_counter()
            page = render(output, 3)
            render_times.append(time.perf_counter() - t)
        samples = sum(f.stat().st_size for f in (out / "samples").iterdir())
        job_cpu = stats["seconds"] / stats["docs_in"]
        prof = statistics.median(prof_times)
        return {"pages": pages, "job_ms": job_cpu * 1e3, "prof_us": prof * 1e6, "share": prof / job_cpu,
                "render_s": statistics.median(render_times), "page_kb": len(page.encode()) / 1e3,
                "profile_kb": (out / "profile.json").stat().st_size / 1e3, "samples_kb": samples / 1e3}


def run() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, nargs="+", default=[300, 3000])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    rows = [measure(n, args.repeats, args.workers) for n in args.pages]
    print("| pages | job CPU ms/doc | profiler µs/doc | profiler share of job CPU | report render s | report KB | profile.json KB | samples/ KB |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['pages']:,} | {r['job_ms']:.2f} | {r['prof_us']:.0f} | {r['share']:.1%} | {r['render_s']:.2f} | "
              f"{r['page_kb']:.0f} | {r['profile_kb']:.0f} | {r['samples_kb']:.0f} |")


if __name__ == "__main__":
    run()
