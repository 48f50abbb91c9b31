"""Render the BBC news articles in ../shared/data/bbc-news as crawled pages with known truth.

Writes ``pages.jsonl.gz`` (id, text) and ``truth.jsonl.gz`` (id, clean_text, image_credit,
defects, and the kinds of lines the page holds) to OUT (default bench/data/clean/). Each page
reuses an article with its own seed, so N may exceed the 2,095 articles.

    python bench/synth_pages.py [--n 6000] [--seed 0] [--out bench/data/clean]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
import re
import sys
import time
from pathlib import Path

from typing import Iterator

from thresher.synth import SYNTH_VERSION, Page, normalise_paragraphs, render_page

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / ".." / "shared" / "data" / "bbc-news" / "articles.jsonl.gz"


# A line that starts mid-sentence ("did", ". And the success...", ": Bolton v Derby"): the article's
# own text lost a link when it was scraped, so its "paragraphs" are fragments and no truth about
# joining or keeping them would be fair. About 35 of the 2,095 articles; they are left out.
_BROKEN_LINE = re.compile(r"[a-z.,;:)]")


def load_articles(path: Path) -> tuple[list[dict], int]:
    """Usable articles, and how many were left out as damaged."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    rows = [r for r in rows if r.get("title", "").strip() and normalise_paragraphs(r.get("text", ""))]
    good = [r for r in rows if not any(_BROKEN_LINE.match(p) for p in normalise_paragraphs(r["text"]))]
    return good, len(rows) - len(good)


def render_pages(articles: list[dict], n: int, seed: int, vocab=None, prefix: str = "bbc") -> Iterator[Page]:
    """n pages, page i from article i mod len(articles) with its own seed; ``vocab``: chrome
    phrasings (thresher.synth.chrome by default)."""
    extra = {"vocab": vocab} if vocab is not None else {}
    for i in range(n):
        art = articles[i % len(articles)]
        rng = random.Random(f"{prefix}:{seed}:{i}")
        yield render_page(art["title"], normalise_paragraphs(art["text"]), f"{prefix}-{i:06d}-{art['id']}", rng, **extra)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=6000, help="number of pages (default 6000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--articles", type=Path, default=ARTICLES)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "data" / "clean")
    args = ap.parse_args(argv)
    if not args.articles.is_file():
        print(f"articles not found: {args.articles}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    articles, damaged = load_articles(args.articles)
    args.out.mkdir(parents=True, exist_ok=True)
    counts: collections.Counter = collections.Counter()
    # mtime=0: the same arguments write the same bytes.
    with gzip.GzipFile(args.out / "pages.jsonl.gz", "wb", mtime=0) as pages, gzip.GzipFile(
        args.out / "truth.jsonl.gz", "wb", mtime=0
    ) as truth:
        for page in render_pages(articles, args.n, args.seed):
            counts.update(page.defects)
            counts.update("legit:" + k for k in page.legit)
            pages.write(json.dumps({"id": page.id, "text": page.raw}, ensure_ascii=False).encode() + b"\n")
            truth.write(json.dumps(page.truth(), ensure_ascii=False).encode() + b"\n")
    (args.out / "synth_version.txt").write_text(f"{SYNTH_VERSION}\n")
    print(f"wrote {args.n} pages from {len(articles)} articles ({damaged} left out: text damaged by scraping) "
          f"to {args.out} in {time.perf_counter() - t0:.1f}s")
    for name, n in sorted(counts.items()):
        print(f"  {name:24s} {n:6d}  ({n / args.n:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
