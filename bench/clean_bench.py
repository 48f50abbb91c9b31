"""Cleaning benchmark: thresher's default pipeline vs datatrove's filter chain, same pages, same run.

On the synthetic BBC pages of bench/synth_pages.py (written first if missing), prints the share of
pages cleaned exactly right, line-level precision and recall of the kept text, image-credit
accuracy and throughput (input MB per CPU second, one process, median of --repeats runs) for
thresher and for datatrove 0.10.1's GopherRepetition + GopherQuality + C4Quality + FineWebQuality
chain (run in bench/.venv by bench/peers/datatrove_chain.py). Then, for the failures of thresher's
cleaning steps, what went wrong (junk leaked, content lost, wraps left unjoined...) and which
defects the failing pages had. Every failing page's diff goes to bench/out/clean_failures.txt.
With --holdout N (default 1000), two more rows: the cleaning steps on N pages whose chrome is
worded as in bench/holdout_chrome.py (no rule was tuned on it), and the same output after the
corpus stage repeated_lines (run in process over those N pages as one corpus).

    python bench/clean_bench.py [--data bench/data/clean] [--repeats 3] [--limit N] [--no-peer]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import ftfy

from thresher.document import Document
from thresher.pipeline import Pipeline, default_pipeline
from thresher.steps.base import ShardContext
from thresher.steps.dedup.lines import RepeatedLines, doc_line_hashes
from thresher.synth import SYNTH_VERSION

REPO = Path(__file__).resolve().parents[1]
VENV_PY = REPO / "bench" / ".venv" / "bin" / "python"
PEER = REPO / "bench" / "peers" / "datatrove_chain.py"
# The steps issue 2 asks for; the default pipeline may also tag (lang) or filter (quality, pii).
CLEANING_STEPS = ("guard", "unicode", "unwrap", "repeats", "attribution", "boilerplate")


def read_jsonl(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def lines_of(text: str) -> list[str]:
    return text.splitlines()


def same(out: str | None, truth: str) -> bool:
    """Exact match, up to the final newline (datatrove never writes one; thresher always does)."""
    return out is not None and out.rstrip("\n") == truth.rstrip("\n")


def score(outputs: dict[str, str | None], truth: dict[str, dict], credits: dict[str, str | None] | None) -> dict:
    """outputs: id -> kept text, or None if the page was dropped."""
    exact = tp = n_out = n_truth = 0
    credit_ok = credit_pos = credit_pos_ok = credit_false = 0
    for pid, t in truth.items():
        out = outputs.get(pid)
        want = collections.Counter(lines_of(t["clean_text"]))
        got = collections.Counter(lines_of(out)) if out is not None else collections.Counter()
        tp += sum((want & got).values())
        n_out += sum(got.values())
        n_truth += sum(want.values())
        exact += same(out, t["clean_text"])
        if credits is not None:
            c = credits.get(pid)
            credit_ok += c == t["image_credit"]
            if t["image_credit"] is not None:
                credit_pos += 1
                credit_pos_ok += c == t["image_credit"]
            elif c is not None:
                credit_false += 1
    n = len(truth)
    return {
        "pages": n,
        "exact": exact / n,
        "precision": tp / n_out if n_out else 0.0,
        "recall": tp / n_truth if n_truth else 0.0,
        "kept": sum(outputs.get(p) is not None for p in truth) / n,
        "credit_acc": credit_ok / n if credits is not None else None,
        "credit_found": credit_pos_ok / credit_pos if credits is not None and credit_pos else None,
        "credit_false": credit_false,
    }


def run_thresher(pages: list[dict], repeats: int, pipe=None) -> tuple[list[float], dict, dict, dict]:
    pipe = pipe or default_pipeline()
    list(pipe.run([Document(p["id"], p["text"]) for p in pages[:50]], ShardContext()))  # warm-up (model loads)
    cpu: list[float] = []
    docs: list[Document] = []
    ctx = ShardContext()
    for _ in range(repeats):
        batch = [Document(p["id"], p["text"]) for p in pages]
        ctx = ShardContext()
        t0 = time.process_time()
        docs = list(pipe.run(batch, ctx))
        cpu.append(time.process_time() - t0)
    outputs = {d.id: (d.text if d.kept else None) for d in docs}
    credits = {d.id: d.metadata.get("image_credit") for d in docs}
    dropped = {d.id: str(d.verdict.reason) for d in docs if not d.kept}
    return cpu, outputs, credits, {"dropped": dropped, "stats": ctx.stats.to_dict()}


def run_datatrove(pages_path: Path, repeats: int, limit: int | None, tmp: Path) -> dict | None:
    if not VENV_PY.exists():
        print(f"(no bench venv at {VENV_PY}: datatrove row skipped)", file=sys.stderr)
        return None
    src = pages_path
    if limit:
        src = tmp / "pages-limit.jsonl.gz"
        with gzip.open(pages_path, "rt", encoding="utf-8") as f, gzip.open(src, "wt", encoding="utf-8") as g:
            for k, line in enumerate(f):
                if k >= limit:
                    break
                g.write(line)
    out = tmp / "datatrove_chain.json"
    env = {**os.environ, "LOGURU_LEVEL": "WARNING"}
    proc = subprocess.run([str(VENV_PY), str(PEER), str(src), str(out), "--repeats", str(repeats)],
                          env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"datatrove chain failed:\n{proc.stderr[-3000:]}", file=sys.stderr)
        return None
    return json.loads(out.read_text(encoding="utf-8"))


def _repaired(line: str) -> str:
    return " ".join(ftfy.fix_text(line, uncurl_quotes=False).split())


def causes_of(out: str | None, t: dict) -> tuple[collections.Counter, list[str]]:
    """Why a page is not exactly right: leaked junk by kind, lost content by kind, wrap pieces
    left unjoined, lines with characters left unrepaired, and anything else."""
    causes: collections.Counter = collections.Counter()
    if out is None:
        causes["dropped"] += 1
        return causes, ["(dropped)"]
    want = collections.Counter(lines_of(t["clean_text"]))
    got = collections.Counter(lines_of(out))
    junk_kind = {" ".join(line.split()): kind for kind, line in t["junk"]}
    kinds = dict(zip(lines_of(t["clean_text"]), t["kinds"]))
    extra, missing = got - want, want - got
    explained: set[str] = set()
    diff = [f"- {x}" for x in missing.elements()] + [f"+ {x}" for x in extra.elements()]
    for line in extra:
        kind = junk_kind.get(" ".join(line.split()))
        fixed = _repaired(line)
        if kind:
            causes[f"leaked:{kind}"] += 1
        elif fixed in missing:
            causes["chars_not_repaired"] += 1
            explained.add(fixed)
        elif line.strip() and any(line.strip() in m for m in missing):
            causes["wrap_not_joined" if len(line) < 90 or "\n" not in line else "other_extra"] += 1
            explained.update(m for m in missing if line.strip() in m)
        elif not line.strip():
            causes["blank_line"] += 1
        elif any(m in line for m in missing):
            causes["joined_too_much"] += 1
            explained.update(m for m in missing if m in line)
        elif any(j in fixed for j in junk_kind if len(j) > 3):
            causes[f"leaked_joined:{next(junk_kind[j] for j in junk_kind if len(j) > 3 and j in fixed)}"] += 1
        else:
            causes["other_extra"] += 1
    for line in missing:
        if line not in explained:
            causes[f"lost:{kinds.get(line, '?')}"] += 1
    if not causes:
        causes["final_newline_or_order"] += 1
    return causes, diff


def breakdown(outputs: dict, truth: dict[str, dict], credits: dict, report: Path) -> list[str]:
    """Which defects failing pages had, and what went wrong on them (by cause)."""
    by_feature_all: collections.Counter = collections.Counter()
    by_feature_fail: collections.Counter = collections.Counter()
    pages_by_cause: collections.Counter = collections.Counter()
    credit_fail: collections.Counter = collections.Counter()
    details = []
    for pid, t in truth.items():
        feats = list(t["defects"]) + [f"legit:{k}" for k in t["legit"]]
        feats += [f"{k}={v.split(':')[0]}" for k, v in t.get("detail", {}).items()]  # form, not width
        if not t["defects"]:
            feats.append("(no defect)")
        by_feature_all.update(feats)
        out = outputs.get(pid)
        if credits.get(pid) != t["image_credit"]:
            credit_fail[t["detail"].get("image_credit", "(no credit on page)")] += 1
        if same(out, t["clean_text"]):
            continue
        by_feature_fail.update(feats)
        causes, diff = causes_of(out, t)
        pages_by_cause.update(causes.keys())
        details.append(f"=== {pid}  causes={dict(causes)}\n    defects={t['defects']} detail={t.get('detail')} legit={t['legit']}\n"
                       + "".join(x + "\n" for x in diff))
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("".join(details), encoding="utf-8")
    rows = ["", "thresher failing pages by cause (a page may have several):"]
    rows += [f"  {k:34s} {v:5d}" for k, v in pages_by_cause.most_common()] or ["  none"]
    rows += ["", "thresher failures by what the page had (pages failing / pages with it; forms after '='):"]
    for feat, n_all in sorted(by_feature_all.items(), key=lambda kv: (-by_feature_fail[kv[0]] / kv[1], kv[0])):
        rows.append(f"  {feat:42s} {by_feature_fail[feat]:5d} / {n_all:5d}  ({by_feature_fail[feat] / n_all:6.1%})")
    rows.append("image_credit wrong, by credit form: " + (", ".join(f"{k} {v}" for k, v in credit_fail.most_common()) or "none"))
    rows.append(f"every failure's diff: {report.relative_to(REPO) if report.is_relative_to(REPO) else report}")
    return rows


def with_repeated_lines(docs: list[Document]) -> None:
    """Run the corpus stage repeated_lines (default options) over the kept docs in process: count
    in how many documents each normalised line occurs, as its prepare() does on disk, then apply
    its edits. The held-out pages are one corpus, as a crawl of many pages would be."""
    stage = RepeatedLines()
    counts: collections.Counter = collections.Counter()
    kept = [d for d in docs if d.kept]
    for d in kept:
        counts.update(doc_line_hashes(d.text))
    need = max(stage.min_docs, math.ceil(stage.min_share * len(kept)))
    frequent = {h: c for h, c in counts.items() if c >= need}
    for d in kept:
        edits = stage.edits(d.text, frequent)
        if edits:
            d.apply(edits)


def holdout_row(cleaning: Pipeline, n: int, report: Path) -> tuple[str, str, str]:
    """The cleaning steps on pages whose chrome is worded as in bench/holdout_chrome.py, which no
    rule was tuned on: does the 'exactly right' figure hold for phrasings the rules never saw?
    Also the same output after the corpus stage repeated_lines (chrome repeats across pages)."""
    import holdout_chrome
    import synth_pages

    articles, _ = synth_pages.load_articles(synth_pages.ARTICLES)
    pages = list(synth_pages.render_pages(articles, n, seed=1, vocab=holdout_chrome, prefix="holdout"))
    truth = {p.id: p.truth() for p in pages}
    docs = list(cleaning.run([Document(p.id, p.raw) for p in pages], ShardContext()))
    outputs = {d.id: (d.text if d.kept else None) for d in docs}
    credits = {d.id: d.metadata.get("image_credit") for d in docs}
    s = score(outputs, truth, credits)
    leaked: collections.Counter = collections.Counter()
    for pid, t in truth.items():
        if not same(outputs[pid], t["clean_text"]):
            leaked.update(causes_of(outputs[pid], t)[0].keys())
    breakdown(outputs, truth, credits, report)
    row = fmt_row(f"thresher cleaning steps, held-out chrome phrasings ({n} other pages)", s, float("nan"), [])
    note = ("held-out phrasings, failing pages by cause: "
            + (", ".join(f"{k} {v}" for k, v in leaked.most_common()) or "none") + f" (diffs: {report.name})")
    with_repeated_lines(docs)
    outputs = {d.id: (d.text if d.kept else None) for d in docs}
    s2 = score(outputs, truth, credits)
    left: collections.Counter = collections.Counter()
    for pid, t in truth.items():
        if not same(outputs[pid], t["clean_text"]):
            left.update(causes_of(outputs[pid], t)[0].keys())
    row2 = fmt_row("same held-out pages, cleaning steps + corpus stage repeated_lines", s2, float("nan"), [])
    note += ("\nheld-out phrasings + repeated_lines, failing pages by cause: "
             + (", ".join(f"{k} {v}" for k, v in left.most_common()) or "none"))
    return row, row2, note


def fmt_row(name: str, s: dict, mbps: float, runs: list[float]) -> str:
    credit = f"{s['credit_acc']:.1%}" if s["credit_acc"] is not None else "n/a"
    return (f"| {name} | {s['exact']:.2%} | {s['precision']:.4f} | {s['recall']:.4f} | {s['kept']:.1%} | {credit} "
            f"| {'' if mbps != mbps else f'{mbps:.2f}'} | {' / '.join(f'{x:.2f}' for x in runs)} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO / "bench" / "data" / "clean")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages (quick look)")
    ap.add_argument("--no-peer", action="store_true", help="skip the datatrove row")
    ap.add_argument("--holdout", type=int, default=1000,
                    help="pages rendered with held-out chrome phrasings (bench/holdout_chrome.py); 0 to skip")
    ap.add_argument("--failures", type=Path, default=REPO / "bench" / "out" / "clean_failures.txt",
                    help="where to write every failing page's diff")
    args = ap.parse_args(argv)
    pages_path, truth_path = args.data / "pages.jsonl.gz", args.data / "truth.jsonl.gz"
    stamp = args.data / "synth_version.txt"
    if not truth_path.exists() or not stamp.exists() or stamp.read_text().strip() != str(SYNTH_VERSION):
        import synth_pages  # bench/synth_pages.py, beside this file: (re)write pages from this synthesizer

        if synth_pages.main(["--out", str(args.data)]) != 0:
            return 2
    pages = read_jsonl(pages_path)[: args.limit]
    truth = {t["id"]: t for t in read_jsonl(truth_path)[: args.limit]}
    n_bytes = sum(len(p["text"].encode("utf-8")) for p in pages)
    print(f"{len(pages)} pages, {n_bytes / 1e6:.1f} MB, {args.repeats} timed runs each, one process")

    cpu, outputs, credits, info = run_thresher(pages, args.repeats)
    th = score(outputs, truth, credits)
    th_mbps = n_bytes / 1e6 / statistics.median(cpu)
    exact_bytes = sum(outputs.get(p) == t["clean_text"] for p, t in truth.items()) / len(truth)

    # Salvage fidelity: a page is right when the pipeline does to the crawled page what it does to
    # the page's clean truth (same text, or dropped by the same rule). Pages whose truth the quality
    # rule sets reject (a rule's own judgement of a real article) then count as right when dropped.
    truth_docs = list(default_pipeline().run([Document(pid, t["clean_text"]) for pid, t in truth.items()], ShardContext()))
    on_truth = {d.id: (d.text if d.kept else None, None if d.kept else d.verdict.reason) for d in truth_docs}
    fidelity = sum(
        (outputs.get(pid) is None and on_truth[pid][0] is None and info["dropped"].get(pid) == on_truth[pid][1])
        or (outputs.get(pid) is not None and on_truth[pid][0] is not None and same(outputs[pid], on_truth[pid][0]))
        for pid in truth
    ) / len(truth)
    truth_drops = collections.Counter(r for _, r in on_truth.values() if r is not None)

    pipe = default_pipeline()
    cleaning = Pipeline([st for st in pipe.steps if st.name in CLEANING_STEPS])
    cpu_nl, out_nl, cred_nl, info_nl = run_thresher(pages, args.repeats, cleaning)
    th_nl = score(out_nl, truth, cred_nl)
    nl_mbps = n_bytes / 1e6 / statistics.median(cpu_nl)

    ho_row = None
    if args.holdout:
        ho_row = holdout_row(cleaning, args.holdout, args.failures.with_name("clean_failures_holdout.txt"))

    dt = None if args.no_peer else run_datatrove(pages_path, args.repeats, args.limit, args.data)
    rows = [
        "| tool | exactly right | line precision | line recall | pages kept | image_credit right | MB/s per core | CPU s per run |",
        "|---|---|---|---|---|---|---|---|",
        fmt_row(f"thresher default pipeline ({' > '.join(st.name for st in pipe.steps)})", th, th_mbps, cpu),
        fmt_row(f"thresher cleaning steps only ({' > '.join(st.name for st in cleaning.steps)})", th_nl, nl_mbps, cpu_nl),
    ]
    if dt is not None:
        dt_out = {pid: dt["kept"].get(pid) for pid in truth}
        ds = score(dt_out, truth, None)
        dt_mbps = dt["bytes_in"] / 1e6 / statistics.median(dt["cpu_seconds"])
        rows.append(fmt_row("datatrove 0.10.1 Gopher rep + Gopher quality + C4 + FineWeb", ds, dt_mbps, dt["cpu_seconds"]))
    if ho_row:
        rows += [ho_row[0], ho_row[1]]
    print("\n".join(rows))
    if ho_row:
        print(ho_row[2])
    if dt is not None:
        print(f"\nspeed ratio thresher / datatrove: {th_mbps / dt_mbps:.1f}x (cleaning steps only: {nl_mbps / dt_mbps:.1f}x)")
        why = collections.Counter(dt["dropped"].values())
        print("datatrove drops: " + ", ".join(f"{k} {v}" for k, v in why.most_common(8)))
    print(f"thresher exactly right byte for byte (final newline included): {exact_bytes:.2%}")
    print(f"thresher default pipeline, same outcome as on the page's clean truth (same text, or dropped by the same rule): {fidelity:.2%}")
    print(f"  the default pipeline drops {sum(truth_drops.values())} of the clean truths themselves: "
          + ", ".join(f"{k} {v}" for k, v in truth_drops.most_common(6)))
    if info["dropped"]:
        print("thresher default pipeline drops (every page here is a real article): " + ", ".join(f"{k} {v}" for k, v in collections.Counter(info["dropped"].values()).most_common(8)))
    secs = info["stats"]["seconds_by_step"]
    total = sum(secs.values()) or 1.0
    print("thresher time by step (last run, wall): " + ", ".join(f"{k} {v / total:.0%}" for k, v in secs.items()))
    # The breakdown is for whoever tunes the cleaning rules: the cleaning steps' own output, so
    # that pages a quality filter dropped do not hide what the rules got wrong.
    print(f"\nBreakdown for: thresher cleaning steps only ({len(info_nl['dropped'])} pages dropped)")
    for line in breakdown(out_nl, truth, cred_nl, args.failures):
        print(line)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
