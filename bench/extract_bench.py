"""Main-text extraction quality and speed: thresher's ``extract`` against trafilatura and resiliparse,
and the text the whole default pipeline keeps, on real pages nobody tuned a rule on.

Data: ../shared/data/article-extraction (123 news and blog pages) and ../shared/data/wceb (299 pages
of CleanEval, CleanPortalEval, Dragnet, L3S-GN1 and Readability). Metric (from the data README):
per page, TP/FP/FN over counts of word 4-gram shingles (tokens ``\\w+``), normalised per page;
precision and recall averaged over pages; F1 of the two means. A page dropped by the pipeline
scores an empty text.

Tune / report split: each page goes to half A or half B by ``crc32(id) % 2`` (:func:`half`). The
extraction's constants were chosen on half A only (``--tune`` prints the grid they were chosen
from, on both halves); the tables print both halves, and half B is the result that counts.

Pages whose reader comments trafilatura finds (its output with comments differs from its output
without) are reported apart for CleanEval and Dragnet, whose truth includes comments: thresher
leaves comments out on purpose.

Every engine gets the same decoded string and is timed on the same pages in the same run; ms/page
is the median over --repeats passes of CPU time, one core. "kept" runs ``thresher clean`` on the
pages as .html files, as a user would, and scores ``OUT/kept``.

    python bench/extract_bench.py [--repeats 3] [--tune] [--no-kept]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import trafilatura  # noqa: E402
from resiliparse.extract.html2text import extract_plain_text  # noqa: E402
from resiliparse.parse.html import HTMLTree  # noqa: E402

from thresher.io.readers.html import decode_html  # noqa: E402
from thresher.steps.extract import main_text  # noqa: E402
from thresher.steps.extract.main_text import extract_main_text  # noqa: E402

DATA = (REPO / ".." / "shared" / "data").resolve()
DATASETS = ("article-extraction", "wceb")
TOKEN = re.compile(r"\w+")
COMMENT_TRUTH = ("cleaneval", "dragnet")  # their truth includes reader comments


# -- the metric ------------------------------------------------------------------------------
def shingles(text: str, n: int = 4) -> Counter:
    toks = TOKEN.findall(text or "")
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def tp_fp_fn(expected: str, predicted: str) -> tuple[float, float, float]:
    e, p = shingles(expected), shingles(predicted)
    tp, fp, fn = sum((e & p).values()), sum((p - e).values()), sum((e - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp, fp, fn) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall(tp, fp, fn) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def score(truth: dict[str, str], preds: dict[str, str], keys: list[str]) -> tuple[float, float, float]:
    if not keys:
        return 0.0, 0.0, 0.0
    rows = [tp_fp_fn(truth[k], preds.get(k) or "") for k in keys]
    p = statistics.mean(precision(*r) for r in rows)
    r = statistics.mean(recall(*r) for r in rows)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff]")


def is_article(truth: str) -> bool:
    """The page's ground truth is an article: at least 50 words (Gopher's shortest page), or 100
    characters of a script written without spaces, and not placeholder text (lorem ipsum)."""
    if "lorem ipsum" in truth.lower():
        return False
    return len(TOKEN.findall(truth)) >= 50 or len(_UNSPACED.findall(truth)) >= 100


def half(page_id: str) -> str:
    """"A" (tuning) or "B" (held out), fixed by the page id."""
    return "AB"[zlib.crc32(page_id.encode()) % 2]


# -- the pages -------------------------------------------------------------------------------
def load(data: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(html, truth, subset) keyed by "<dataset>/<id>"."""
    pages, truth, subset = {}, {}, {}
    for ds in DATASETS:
        gt = json.loads((data / ds / "ground-truth.json").read_text())
        for k, v in gt.items():
            key = f"{ds}/{k}"
            raw = gzip.decompress((data / ds / "html" / f"{k}.html.gz").read_bytes())
            pages[key] = decode_html(raw)[0]
            truth[key] = v["articleBody"]
            subset[key] = v.get("dataset", ds)
    return pages, truth, subset


# -- the engines -----------------------------------------------------------------------------
def thresher_body(html: str) -> str:
    return extract_main_text(html, include_title=False).text


def trafilatura_default(html: str) -> str:
    return trafilatura.extract(html) or ""


def resiliparse_main(html: str) -> str:
    return extract_plain_text(HTMLTree.parse(html), main_content=True) or ""


ENGINES: list[tuple[str, Callable[[str], str]]] = [
    ("thresher extract (body)", thresher_body),
    ("trafilatura 2.3.1 defaults", trafilatura_default),
    ("resiliparse main_content", resiliparse_main),
]


def run_engines(pages: dict[str, str], repeats: int) -> list[tuple[dict[str, str], float]]:
    """Outputs and median ms/page of every engine, passes interleaved so that a busy machine
    slows them all alike."""
    preds = [{k: fn(h) for k, h in pages.items()} for _, fn in ENGINES]  # also the warm-up
    times: list[list[float]] = [[] for _ in ENGINES]
    for _ in range(repeats):
        for i, (_, fn) in enumerate(ENGINES):
            t0 = time.process_time()
            for h in pages.values():
                fn(h)
            times[i].append(time.process_time() - t0)
    return [(p, statistics.median(t) / len(pages) * 1000) for p, t in zip(preds, times)]


def kept_by_pipeline(pages: dict[str, str]) -> tuple[dict[str, str], dict[str, str], float]:
    """(kept text, drop reason) per page from ``thresher clean DIR -o OUT``, and its wall seconds."""
    import zstandard

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "html")
        names = {}
        for key, html in pages.items():
            name = key.replace("/", "__") + ".html"
            names[name] = key
            (src.parent / "html").mkdir(exist_ok=True)
            (src / name).write_text(html, encoding="utf-8")
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "thresher.cli", "clean", str(src), "-o", str(Path(tmp, "out"))],
                       check=True, stdout=subprocess.DEVNULL,
                       env={**os.environ, "PYTHONPATH": str(REPO / "src")})
        seconds = time.perf_counter() - t0
        kept, reasons = {}, {}
        for part in ("kept", "rejected"):
            for shard in sorted(Path(tmp, "out", part).glob("*.jsonl.zst")):
                with open(shard, "rb") as fh:
                    for line in io.TextIOWrapper(zstandard.ZstdDecompressor().stream_reader(fh), encoding="utf-8"):
                        rec = json.loads(line)
                        key = names[Path(str(rec["id"])).name]
                        if part == "kept":
                            kept[key] = rec.get("text", "")
                        else:
                            reasons[key] = (rec.get("verdict") or {}).get("reason") or "?"
    return kept, reasons, seconds


def with_comments(pages: dict[str, str], keys: list[str]) -> set[str]:
    """Pages where trafilatura finds reader comments (its text with comments is longer)."""
    found = set()
    for k in keys:
        with_c = trafilatura.extract(pages[k], favor_precision=True) or ""
        without = trafilatura.extract(pages[k], favor_precision=True, include_comments=False) or ""
        if len(with_c.split()) > len(without.split()):
            found.add(k)
    return found


# -- tables ----------------------------------------------------------------------------------
def row(name: str, cells: list[str]) -> str:
    return f"| {name:34} | " + " | ".join(cells) + " |"


def print_scores(title: str, truth, subset, engines: list[tuple[str, dict[str, str], float | None]]) -> None:
    groups: dict[str, list[str]] = defaultdict(list)
    for k in truth:
        ds = k.split("/", 1)[0]
        for h in ("", half(k.split("/", 1)[1])):
            groups[f"{ds}{' ' + h if h else ''}"].append(k)
            if ds == "wceb":
                groups[f"wceb:{subset[k]}{' ' + h if h else ''}"].append(k)
    order = sorted(groups, key=lambda g: (g.split(" ")[0], len(g.split(" ")), g))
    print(f"\n{title}\n")
    print(row("pages (n)", [name for name, _, _ in engines]))
    print("|" + "---|" * (len(engines) + 1))
    for g in order:
        cells = []
        for _, preds, _ in engines:
            p, r, f = score(truth, preds, groups[g])
            cells.append(f"P {p:.3f} R {r:.3f} **F1 {f:.3f}**")
        print(row(f"{g} ({len(groups[g])})", cells))
    if any(ms is not None for _, _, ms in engines):
        print(row("ms/page (CPU, median)", [f"{ms:.1f}" if ms is not None else "-" for _, _, ms in engines]))


def print_tune(pages, truth) -> None:
    """The grid RECALL_RETRY_BELOW was chosen from: half A chooses, half B reports."""
    print("\nTuning grid (RECALL_RETRY_BELOW; 0 = never retry): F1 of thresher's body text\n")
    print("| value | wceb A | wceb B | article-extraction A | article-extraction B |")
    print("|---|---|---|---|---|")
    saved = main_text.RECALL_RETRY_BELOW
    try:
        for value in (2.0, 3.0, 4.0, 6.0, 1e9):
            main_text.RECALL_RETRY_BELOW = value
            preds = {k: thresher_body(h) for k, h in pages.items()}
            cells = []
            for ds in ("wceb", "article-extraction"):
                for h in "AB":
                    keys = [k for k in truth if k.startswith(ds + "/") and half(k.split("/", 1)[1]) == h]
                    cells.append(f"{score(truth, preds, keys)[2]:.3f}")
            print(f"| {value:g} | " + " | ".join(cells) + " |")
    finally:
        main_text.RECALL_RETRY_BELOW = saved


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--tune", action="store_true", help="print the tuning grid on both halves")
    ap.add_argument("--no-kept", action="store_true", help="skip the whole-pipeline run")
    args = ap.parse_args()
    for ds in DATASETS:
        if not (args.data / ds / "ground-truth.json").is_file():
            sys.exit(f"no {ds}/ground-truth.json under {args.data}")
    pages, truth, subset = load(args.data)
    print(f"{len(pages)} pages; half A (crc32(id) % 2 == 0) tuned on, half B held out; "
          f"median CPU time of {args.repeats} passes, 1 core, trafilatura {trafilatura.__version__}")
    results = run_engines(pages, args.repeats)
    engines = [(name, preds, ms) for (name, _), (preds, ms) in zip(ENGINES, results)]
    if not args.no_kept:
        kept, reasons, seconds = kept_by_pipeline(pages)
        engines.insert(1, ("thresher clean, OUT/kept", kept, None))
    print_scores("Extraction and kept text (F1 of per-page means)", truth, subset, engines)
    comment_keys = with_comments(pages, [k for k in truth if subset[k] in COMMENT_TRUTH])
    print(f"\nCleanEval and Dragnet pages with reader comments (trafilatura finds some): {len(comment_keys)}")
    for label, keys in (("with comments", sorted(comment_keys)),
                        ("without comments", sorted(k for k in truth if subset[k] in COMMENT_TRUTH and k not in comment_keys))):
        cells = [f"{name}: {score(truth, preds, keys)[2]:.3f}" for name, preds, _ in engines]
        print(f"- {label} ({len(keys)}): " + "; ".join(cells))
    if not args.no_kept:
        print(f"\n`thresher clean` on the {len(pages)} pages: {seconds:.1f} s wall, {len(reasons)} dropped")
        articles = {k for k in truth if is_article(truth[k])}
        print("\nPages whose ground truth is an article (is_article) dropped by the default pipeline:\n")
        print("| pages | articles | dropped | share |")
        print("|---|---|---|---|")
        for ds in DATASETS + ("all",):
            for h in ("A", "B", ""):
                keys = [k for k in articles if (ds == "all" or k.startswith(ds + "/"))
                        and (not h or half(k.split("/", 1)[1]) == h)]
                dropped = sum(k in reasons for k in keys)
                print(f"| {ds}{' ' + h if h else ''} | {len(keys)} | {dropped} | {100 * dropped / max(1, len(keys)):.1f}% |")
        for label, chosen in (("articles", True), ("not articles (truth under 50 words, or placeholder)", False)):
            by_reason: dict[str, list[str]] = defaultdict(list)
            for k, why in sorted(reasons.items()):
                if (k in articles) == chosen:
                    by_reason[why].append(f"{k} ({half(k.split('/', 1)[1])})")
            print(f"\nDropped, {label}: {sum(map(len, by_reason.values()))}")
            for why, keys in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
                print(f"- {why} ({len(keys)}): {', '.join(keys)}")
    if args.tune:
        print_tune(pages, truth)


if __name__ == "__main__":
    main()
