"""Main-text extraction quality and speed: thresher's ``extract`` against trafilatura and resiliparse.

Data: ../shared/data/article-extraction (123 pages, hand-checked article bodies). Metric (from
that folder's README): per page, TP/FP/FN over counts of word 4-gram shingles (tokens ``\\w+``),
normalised per page; precision and recall averaged over pages; F1 of the two means.

Every engine gets the same decoded string (thresher's charset decoding) and is timed on the same
pages in the same run; ms/page is the median over --repeats passes of CPU time
(time.process_time: other work on a busy machine does not count against an engine), one core.

``--two-fold`` guards against tuning to these 123 pages: the pages are split in two halves by id;
on each half the best configuration of a small grid (trafilatura modes x the link-line rule) is
chosen, and its score on the *other* half is reported.

    python bench/extract_bench.py [--repeats 3] [--two-fold]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
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

DATA = (REPO / ".." / "shared" / "data" / "article-extraction").resolve()
TOKEN = re.compile(r"\w+")


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
    rows = [tp_fp_fn(truth[k], preds.get(k) or "") for k in keys]
    p = statistics.mean(precision(*r) for r in rows)
    r = statistics.mean(recall(*r) for r in rows)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# -- the engines -----------------------------------------------------------------------------
def thresher_as_run(html: str) -> str:
    return extract_main_text(html).text


def thresher_body(html: str) -> str:
    return extract_main_text(html, include_title=False).text


def trafilatura_default(html: str) -> str:
    return trafilatura.extract(html) or ""


def resiliparse_main(html: str) -> str:
    return extract_plain_text(HTMLTree.parse(html), main_content=True) or ""


ENGINES: list[tuple[str, Callable[[str], str]]] = [
    ("thresher extract (as run: title line + body)", thresher_as_run),
    ("thresher extract, body only (include_title=false)", thresher_body),
    ("trafilatura 2.3.1 defaults", trafilatura_default),
    ("resiliparse main_content", resiliparse_main),
]


def run_engines(pages: dict[str, str], repeats: int) -> list[tuple[dict[str, str], float]]:
    """Outputs and median ms/page of every engine. Passes are interleaved (engine A, B, C, then
    again) so that a machine busy with something else slows them all alike."""
    preds = [{k: fn(h) for k, h in pages.items()} for _, fn in ENGINES]  # also the warm-up
    times: list[list[float]] = [[] for _ in ENGINES]
    for _ in range(repeats):
        for i, (_, fn) in enumerate(ENGINES):
            t0 = time.process_time()
            for h in pages.values():
                fn(h)
            times[i].append(time.process_time() - t0)
    return [(p, statistics.median(t) / len(pages) * 1000) for p, t in zip(preds, times)]


# -- two-fold check --------------------------------------------------------------------------
def grid() -> dict[str, Callable[[str], str]]:
    """The choices made while building the step; the body is scored (the truth has no titles)."""
    modes = {
        "traf default": {},
        "traf no comments": {"include_comments": False},
        "traf precision": {"favor_precision": True},
        "traf precision no comments": {"favor_precision": True, "include_comments": False},
    }
    out = {}
    for mname, kw in modes.items():
        for links in (False, True):
            def fn(html, kw=kw, links=links):
                text = trafilatura.extract(html, **kw) or ""
                if not links:
                    return text
                _, link_texts = main_text.page_facts(html)
                return "\n".join(ln for ln in text.splitlines() if not main_text._is_link_line(ln, link_texts))
            out[f"{mname}{' + link-line rule' if links else ''}"] = fn
    return out


def two_fold(truth: dict[str, str], pages: dict[str, str]) -> None:
    keys = sorted(pages)
    halves = [keys[0::2], keys[1::2]]
    configs = grid()
    preds = {name: {k: fn(pages[k]) for k in keys} for name, fn in configs.items()}
    print("\nTwo-fold check: choose the best configuration on one half, score it on the other.\n")
    print("| tuned on | chosen configuration | F1 on tuning half | F1 on held-out half |")
    print("|---|---|---|---|")
    for i, (tune, held) in enumerate((halves, halves[::-1])):
        best = max(configs, key=lambda n: score(truth, preds[n], tune)[2])
        print(f"| half {i + 1} | {best} | {score(truth, preds[best], tune)[2]:.3f} | {score(truth, preds[best], held)[2]:.3f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--two-fold", action="store_true")
    args = ap.parse_args()
    if not (args.data / "ground-truth.json").is_file():
        sys.exit(f"no ground-truth.json under {args.data}")
    gt = json.loads((args.data / "ground-truth.json").read_text())
    truth = {k: v["articleBody"] for k, v in gt.items()}
    pages = {k: decode_html(gzip.decompress((args.data / "html" / f"{k}.html.gz").read_bytes()))[0] for k in gt}
    keys = sorted(pages)
    print(f"{len(pages)} pages, median CPU time of {args.repeats} timed passes, 1 core, trafilatura {trafilatura.__version__}\n")
    print(f"| {'engine':52} | precision | recall |   F1   | ms/page |")
    print(f"|{'-' * 54}|-----------|--------|--------|---------|")
    for (name, _), (preds, ms) in zip(ENGINES, run_engines(pages, args.repeats)):
        p, r, f1 = score(truth, preds, keys)
        print(f"| {name:52} |   {p:.3f}   | {r:.3f}  | {f1:.4f} | {ms:7.1f} |", flush=True)
    if args.two_fold:
        two_fold(truth, pages)


if __name__ == "__main__":
    main()
