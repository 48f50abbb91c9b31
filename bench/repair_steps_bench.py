"""Throughput of the cleaning steps (unicode, unwrap, repeats, boilerplate), one by one and chained.

Two inputs, same run: synthetic crawled pages (every defect of issue 2, at the synthesizer's
rates: a worst case) and the same BBC articles as clean text (title + paragraphs: the common
case). Each step is fed what the steps before it produce, as in the pipeline, and timed alone:
CPU seconds (one process), median of --repeats, MB/s = UTF-8 megabytes of the *input pages* per
CPU second. Peer in the same run, same pages: ftfy.fix_text on every whole page (what one would
run without thresher's "ftfy only where it is needed").

    python bench/repair_steps_bench.py [--pages 3000] [--repeats 5] [--seed 11]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from pathlib import Path

import ftfy

from thresher.document import Document
from thresher.pipeline import build_step
from thresher.steps.base import ShardContext
from thresher.synth.render import normalise_paragraphs, render_page

ARTICLES = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "bbc-news" / "articles.jsonl.gz"
STEPS = ("unicode", "unwrap", "repeats", "boilerplate")


def cpu_median(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def measure(pages: list[str], repeats: int) -> dict[str, float]:
    mb = sum(len(p.encode("utf-8")) for p in pages) / 1e6
    steps = [build_step(n) for n in STEPS]
    inputs: dict[str, list[str]] = {}
    texts = pages
    for s in steps:  # what each step sees in the pipeline
        inputs[s.name] = texts
        texts = [d.text for d in s.run([Document(str(k), t) for k, t in enumerate(texts)], ShardContext())]
    out: dict[str, float] = {}
    for s in steps:
        src = inputs[s.name]

        def run(s=s, src=src) -> None:
            list(s.run([Document(str(k), t) for k, t in enumerate(src)], ShardContext()))

        out[s.name] = mb / cpu_median(run, repeats)

    def chain() -> None:
        docs = [Document(str(k), t) for k, t in enumerate(pages)]
        for s in steps:
            docs = list(s.run(docs, ShardContext()))

    out["all four, chained"] = mb / cpu_median(chain, repeats)
    out["peer: ftfy.fix_text on whole pages"] = mb / cpu_median(lambda: [ftfy.fix_text(p) for p in pages], repeats)
    out["_mb"] = mb
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    import random

    with gzip.open(ARTICLES, "rt", encoding="utf-8") as f:
        arts = [json.loads(line) for line in f]
    rng = random.Random(args.seed)
    picked = [arts[k % len(arts)] for k in range(args.pages)]
    rendered = [render_page(a["title"], normalise_paragraphs(a["text"]), f"p{k}", rng) for k, a in enumerate(picked)]
    synthetic = [p.raw for p in rendered]
    clean = [a["title"] + "\n" + "\n".join(normalise_paragraphs(a["text"])) + "\n" for a in picked]
    rows = {"synthetic crawled pages": measure(synthetic, args.repeats), "clean articles": measure(clean, args.repeats)}
    names = [k for k in next(iter(rows.values())) if not k.startswith("_")]
    print(f"{args.pages} pages each, median of {args.repeats} runs, CPU time of one process, MB/s of input per core")
    print("| step | " + " | ".join(f"{k} ({v['_mb']:.1f} MB)" for k, v in rows.items()) + " |")
    print("|---|" + "---|" * len(rows))
    for n in names:
        print(f"| {n} | " + " | ".join(f"{v[n]:.1f}" for v in rows.values()) + " |")
    # Accuracy of these steps alone (the filters of the default pipeline left out): the share
    # of synthetic pages whose text is exactly the truth, byte for byte, and whose credit is.
    docs = [Document(p.id, p.raw) for p in rendered]
    for name in ("guard", *STEPS):
        docs = list(build_step(name).run(docs, ShardContext()))
    text_ok = sum(d.kept and d.text == p.clean for d, p in zip(docs, rendered))
    both_ok = sum(d.kept and d.text == p.clean and d.metadata.get("image_credit") == p.image_credit
                  for d, p in zip(docs, rendered))
    n = len(rendered)
    print(f"\nguard > {' > '.join(STEPS)} on the synthetic pages (seed {args.seed}): "
          f"text exactly right {text_ok / n:.2%}, text and image_credit exactly right {both_ok / n:.2%}")


if __name__ == "__main__":
    main()
