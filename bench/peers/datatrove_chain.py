"""datatrove 0.10.1's Gopher repetition + Gopher quality + C4 + FineWeb filter chain on the
cleaning benchmark's pages. Runs in the bench venv (bench/.venv/bin/python), never in thresher's.

Times the chain as datatrove runs it (each filter's ``run`` over a generator, stats included),
CPU seconds of this process, ``--repeats`` times on fresh documents after a short warm-up (spaCy's
blank English tokenizer loads lazily). Writes JSON: cpu seconds per run, the text of each kept
page (C4 rewrites text: it drops lines), and the first filter and reason that dropped each other page.

    bench/.venv/bin/python bench/peers/datatrove_chain.py PAGES.jsonl.gz OUT.json [--repeats 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time

from datatrove.data import Document
from datatrove.pipeline.filters import (
    C4QualityFilter,
    FineWebQualityFilter,
    GopherQualityFilter,
    GopherRepetitionFilter,
)


def chain():
    return [GopherRepetitionFilter(), GopherQualityFilter(), C4QualityFilter(), FineWebQualityFilter()]


def run_chain(pages: list[tuple[str, str]]) -> dict[str, str]:
    docs = (Document(text=text, id=pid) for pid, text in pages)
    for f in chain():
        docs = f.run(docs, rank=0, world_size=1)
    return {d.id: d.text for d in docs}


def reasons(pages: list[tuple[str, str]]) -> dict[str, str]:
    """Why each dropped page was dropped (first failing filter), computed outside the timing."""
    filters = chain()
    out = {}
    for pid, text in pages:
        doc = Document(text=text, id=pid)
        for f in filters:
            res = f.filter(doc)
            ok, why = (res if isinstance(res, tuple) else (res, None))
            if not ok:
                out[pid] = f"{type(f).__name__}:{why}"
                break
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pages")
    ap.add_argument("out")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    with gzip.open(args.pages, "rt", encoding="utf-8") as f:
        pages = [(r["id"], r["text"]) for r in map(json.loads, f)]
    run_chain(pages[:50])  # warm-up: imports, spaCy blank tokenizer, regex compilation
    cpu = []
    kept: dict[str, str] = {}
    for _ in range(args.repeats):
        t0 = time.process_time()
        kept = run_chain(pages)
        cpu.append(time.process_time() - t0)
    from importlib.metadata import version

    result = {
        "tool": f"datatrove {version('datatrove')}",
        "pages": len(pages),
        "bytes_in": sum(len(t.encode("utf-8")) for _, t in pages),
        "cpu_seconds": cpu,
        "kept": kept,
        "dropped": reasons(pages),
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
