"""Quality filters: thresher's rule sets against datatrove 0.10.1's filters of the same name.

    python bench/quality_parity.py [--pages N] [--repeats R]

On the same raw pages (bench/quality_pages.py: Common Crawl samples, real HTML pages as text,
BBC articles with and without crawl defects, the cleaning bench's synthetic pages if present),
each rule set judges every page on its own, with default settings, in both tools. Prints per
rule set: agreement of keep/drop, the disagreements by (thresher reason, datatrove reason), and
throughput in MB/s per core (CPU time of the judging only, median of R runs for thresher).
datatrove runs in bench/.venv through bench/peers/datatrove_filters.py (a subprocess).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from quality_pages import write_pages  # noqa: E402

from thresher.document import Document  # noqa: E402
from thresher.pipeline import build_step, default_pipeline  # noqa: E402
from thresher.steps.base import ShardContext  # noqa: E402

RULE_SETS = ["gopher_repetition", "gopher_quality", "c4", "fineweb"]
# Where thresher's default deliberately differs from datatrove, the parity table uses the option
# that gives datatrove's rule; the default's effect is printed apart (see gopher.py's docstring).
PARITY_OPTIONS = {"gopher_quality": {"min_alpha_words_ratio": False, "min_alpha_tokens_ratio": 0.8},
                  "c4": {"prose_lines": False}, "fineweb": {"prose_lines": False},
                  "gopher_repetition": {"unspaced_languages": [], "prose_lines": False}}

# datatrove's reason strings -> thresher's rule names
DT_REASONS = {
    "gopher_short_doc": "min_words",
    "gopher_long_doc": "max_words",
    "gopher_below_avg_threshold": "min_mean_word_length",
    "gopher_above_avg_threshold": "max_mean_word_length",
    "gopher_too_many_hashes": "hash_ratio",
    "gopher_too_many_ellipsis": "ellipsis_ratio",
    "gopher_too_many_bullets": "bullet_lines",
    "gopher_too_many_end_ellipsis": "ellipsis_lines",
    "gopher_below_alpha_threshold": "alpha_tokens",
    "gopher_enough_stop_words": "stop_words",
    **{f"duplicated_{n}_n_grams": f"dup_{n}_gram" for n in range(5, 11)},
    "char_dup_ratio": "char_dup_ratio",
}
PEER_INSTALL = "bench/.venv/bin/pip install 'datatrove==0.10.1' spacy"


def dt_reason(reason: str | None) -> str | None:
    return DT_REASONS.get(reason, reason) if reason else None


def run_datatrove(pages_path: Path, out_path: Path) -> dict[str, dict]:
    py = REPO / "bench" / ".venv" / "bin" / "python"
    if not py.exists():
        sys.exit(f"datatrove's venv not found at {py}; create it: python3 -m venv bench/.venv && {PEER_INSTALL}")
    subprocess.run([str(py), str(REPO / "bench" / "peers" / "datatrove_filters.py"), str(pages_path), str(out_path)], check=True)
    rows = {}
    with open(out_path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            rows[r["id"]] = r
    return rows


def run_thresher(pages: list[dict], options: dict[str, dict] | None = None) -> tuple[dict[str, dict], dict[str, float]]:
    steps = {name: build_step(name, (options or {}).get(name)) for name in RULE_SETS}
    ctx = ShardContext()
    results: dict[str, dict] = {}
    seconds = Counter()
    for page in pages:
        row = {}
        for name, step in steps.items():
            doc = Document(page["id"], page["text"])  # each rule set judges the raw page alone
            t0 = time.process_time()
            step.process(doc, ctx)  # the four share one tokenisation per page, as in the pipeline
            seconds[name] += time.process_time() - t0
            row[name] = [doc.kept, (doc.verdict.reason or "").partition(":")[2] or None]
        results[page["id"]] = row
    return results, dict(seconds)


def run_default_pipeline(pages: list[dict]) -> tuple[float, dict[str, Document]]:
    """CPU seconds for thresher's whole default pipeline (repair, boilerplate, quality ...), and
    the documents it produced."""
    pipe = default_pipeline()
    docs = [Document(p["id"], p["text"]) for p in pages]
    t0 = time.process_time()
    for _ in pipe.run(iter(docs), ShardContext()):
        pass
    return time.process_time() - t0, {d.id: d for d in docs}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=3, help="thresher timing runs (median)")
    ap.add_argument("--pages", type=int, default=0, help="use only the first N pages (0: all)")
    ap.add_argument("--reuse-peer", action="store_true", help="reuse datatrove's results of the last run (development only)")
    ap.add_argument("--examples", type=int, default=2, help="page ids to show per disagreement kind")
    args = ap.parse_args()

    work = REPO / "bench" / "data" / "quality"
    pages_path = work / "pages.jsonl.gz"
    pages = write_pages(pages_path)
    if args.pages:
        pages = pages[: args.pages]
        with gzip.open(pages_path, "wt", encoding="utf-8") as fh:
            for p in pages:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    mb = sum(len(p["text"].encode("utf-8")) for p in pages) / 1e6
    print(f"{len(pages)} pages, {mb:.1f} MB (sources: {dict(Counter(p['source'] for p in pages))})")

    peer_path = work / "datatrove.jsonl"
    if not (args.reuse_peer and peer_path.exists()):
        t0 = time.time()
        dt = run_datatrove(pages_path, peer_path)
        print(f"datatrove done in {time.time() - t0:.0f} s")
    else:
        dt = {}
        with open(peer_path, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                dt[r["id"]] = r

    runs = []
    for _ in range(max(1, args.repeats)):
        th, secs = run_thresher(pages, PARITY_OPTIONS)
        runs.append(secs)
    th_default, _ = run_thresher(pages)
    th_secs = {name: statistics.median(r[name] for r in runs) for name in RULE_SETS}
    dt_secs = {name: sum(dt[p["id"]]["seconds"][name] for p in pages) for name in RULE_SETS}
    pipe_runs = [run_default_pipeline(pages) for _ in range(max(1, args.repeats))]
    pipe_secs = statistics.median(r[0] for r in pipe_runs)
    cleaned = pipe_runs[0][1]

    print()
    print("| rule set | pages | agree | both keep | both drop (same reason) | only thresher drops | only datatrove drops | thresher MB/s/core | datatrove MB/s/core |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    disagreements: dict[str, Counter] = {}
    examples: dict[tuple, list] = {}
    for name in RULE_SETS:
        agree = keep2 = drop2 = same = only_th = only_dt = 0
        dis = Counter()
        for p in pages:
            tk, tr = th[p["id"]][name]
            dk, dr = dt[p["id"]][name]
            dr = dt_reason(dr)
            if tk == dk:
                agree += 1
                if tk:
                    keep2 += 1
                else:
                    drop2 += 1
                    same += tr == dr
            else:
                key = (tr or "kept", dr or "kept")
                dis[key] += 1
                examples.setdefault((name, key), []).append(p["id"])
                if tk:
                    only_dt += 1
                else:
                    only_th += 1
        disagreements[name] = dis
        n = len(pages)
        print(
            f"| {name} | {n} | {100 * agree / n:.2f}% | {keep2} | {drop2} ({same}) | {only_th} | {only_dt} "
            f"| {mb / th_secs[name]:.1f} | {mb / dt_secs[name]:.2f} |"
        )
    th_total, dt_total = sum(th_secs.values()), sum(dt_secs.values())
    print(f"| **all four** | | | | | | | **{mb / th_total:.1f}** | **{mb / dt_total:.2f}** ({dt_total / th_total:.0f}x slower) |")
    print(
        f"\nthresher's whole default pipeline (repair, boilerplate, then the four rule sets) on the same pages: "
        f"{mb / pipe_secs:.1f} MB/s per core = {dt_total / pipe_secs:.1f}x datatrove's four filters"
    )
    # Salvage: pages some rule set drops on the raw text that the default pipeline keeps after
    # repair (English pages only, so that the language gate is not counted as a rescue).
    raw_dropped = [p["id"] for p in pages if any(not th[p["id"]][n][0] for n in RULE_SETS)]
    salvaged = [i for i in raw_dropped if cleaned[i].kept and cleaned[i].metadata.get("language") == "en"]
    print(
        f"salvage: {len(raw_dropped)} pages fail a rule set on raw text; {len(salvaged)} of them are kept by the "
        f"default pipeline after repair (English pages)"
    )
    for name, opts in PARITY_OPTIONS.items():
        agree = sum(th_default[p["id"]][name][0] == dt[p["id"]][name][0] for p in pages)
        kept_more = sum(th_default[p["id"]][name][0] and not th[p["id"]][name][0] for p in pages)
        dropped_more = sum(not th_default[p["id"]][name][0] and th[p["id"]][name][0] for p in pages)
        print(
            f"{name} with thresher's defaults instead of {opts}: agreement {100 * agree / len(pages):.2f}%; "
            f"{kept_more} pages kept that the datatrove-compatible rule drops, {dropped_more} dropped that it keeps"
        )
    print("\nDisagreements (thresher reason, datatrove reason): count, example page ids")
    for name in RULE_SETS:
        for key, c in disagreements[name].most_common():
            ids = ", ".join(examples[(name, key)][: args.examples])
            print(f"  {name}: {key[0]} vs {key[1]}: {c}  [{ids}]")


if __name__ == "__main__":
    main()
